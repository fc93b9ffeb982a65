// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing the files commands produce, so that a failure never leaves a half-written one behind. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Writes a file completely or not at all: into a temporary file next to it, then moved over it in one
   * step, so a reader (or a crash) never sees part of it.
   *
   * @param file where to write
   * @param bytes the content
   * @param option the option that named the file, for the message
   * @throws CliException exit 2 if it cannot be written (nothing is left behind)
   */
  static void writeAtomically(Path file, byte[] bytes, String option) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      if (dir == null || !Files.isDirectory(dir)) {
        throw new java.nio.file.NoSuchFileException(abs.toString());
      }
      if (Files.isDirectory(abs)) {
        throw new java.nio.file.FileSystemException(abs.toString(), null, "it is a directory, not a file");
      }
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot write " + option + " " + file + ": " + InputFiles.describe(file, e),
          e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the output
        }
      }
    }
  }
}
