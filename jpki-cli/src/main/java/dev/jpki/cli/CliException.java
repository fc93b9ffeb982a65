// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

/**
 * A failure the CLI reports as one line on stderr with a specific exit code (no stack trace unless
 * {@code --verbose}). Messages never contain secrets or personal data.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the exception.
   *
   * @param exitCode one of {@link ExitCode}
   * @param message what went wrong and what to do
   */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * Creates the exception with a cause (shown only with {@code --verbose}).
   *
   * @param exitCode one of {@link ExitCode}
   * @param message what went wrong and what to do
   * @param cause the underlying exception
   */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** @return the process exit code */
  public int exitCode() {
    return exitCode;
  }
}
