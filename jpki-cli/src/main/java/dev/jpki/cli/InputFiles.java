// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the files the verification commands are given, with exit-2 messages that name the option. */
final class InputFiles {
  private InputFiles() {}

  /**
   * Reads a whole file named by an option.
   *
   * @param file the file
   * @param option the option or parameter that named it, for the message
   * @return its bytes
   * @throws CliException exit 2 if it cannot be read
   */
  static byte[] read(Path file, String option) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException | OutOfMemoryError e) {
      throw new CliException(ExitCode.USAGE, "cannot read " + option + " " + file + ": " + describe(file, e), e);
    }
  }

  /**
   * A short reason for a failed read or write of {@code file} that says what is wrong with it (the JDK
   * puts only the path into some messages).
   *
   * @param file the file that was read or written
   * @param e the failure
   * @return e.g. "no such file", "it is a directory"
   */
  static String describe(Path file, Throwable e) {
    if (Files.isDirectory(file)) {
      return "it is a directory, not a file";
    }
    if (e instanceof NoSuchFileException) {
      Path parent = file.toAbsolutePath().getParent();
      return parent != null && !Files.isDirectory(parent) ? "no such directory: " + parent : "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return Files.exists(file) ? "permission denied (the file is not readable or not writable for this user)"
          : "permission denied";
    }
    return describe(e);
  }

  /**
   * A short reason for a failed read (the JDK puts only the path into some messages).
   *
   * @param e the failure
   * @return e.g. "no such file"
   */
  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof OutOfMemoryError) {
      return "too large to hold in memory";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
