// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

/** The exit codes scripts rely on (docs/cli.md "Exit codes"). */
public final class ExitCode {
  /** Success, or VALID. */
  public static final int OK = 0;
  /** INVALID, or a negative answer (e.g. under the age). */
  public static final int NEGATIVE = 1;
  /** Usage error or bad input. */
  public static final int USAGE = 2;
  /** INDETERMINATE (e.g. revocation status unknown). */
  public static final int INDETERMINATE = 3;
  /** Card, reader or transport error. */
  public static final int CARD = 4;
  /** Wrong PIN; the message says how many tries are left. */
  public static final int WRONG_PIN = 5;
  /** PIN blocked, or refused to spend the last try without {@code --allow-last-try}. */
  public static final int PIN_BLOCKED = 6;
  /**
   * The card was reset (by another program, the reader or the system) or removed during the command:
   * verified PINs were lost, the PIN was not re-sent; running the command again is safe.
   */
  public static final int CARD_INTERRUPTED = 7;

  private ExitCode() {}
}
