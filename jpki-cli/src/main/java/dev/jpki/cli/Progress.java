// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * One progress line on stderr for long work (reading a large CRL, checking revocation over the network,
 * serving the virtual card): rewritten in place with a carriage return, and cleared when the work ends, so
 * the result printed next stands alone. Only on an interactive terminal and never with {@code --json}:
 * scripts and pipes see nothing of it.
 */
final class Progress implements AutoCloseable {
  /** Whether the process talks to a terminal (replaceable for tests: a test JVM never does). */
  static BooleanSupplier terminal = () -> Secrets.interactiveConsole() != null;

  private static final long MIN_INTERVAL_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final String what;
  private long lastUpdate;
  private int shown;

  private Progress(PrintWriter err, boolean enabled, String what) {
    this.err = err;
    this.enabled = enabled;
    this.what = what;
  }

  /**
   * Starts a progress line.
   *
   * @param main the root command (its {@code --json} and error stream)
   * @param what what is being done, e.g. "reading CRL sign.crl"; never personal data
   * @return the line; a no-op one when not on a terminal or with {@code --json}
   */
  static Progress start(Main main, String what) {
    return start(main.err(), !main.json && terminal.getAsBoolean(), what);
  }

  /**
   * Starts a progress line on a given stream.
   *
   * @param err where to print
   * @param enabled whether to print at all
   * @param what what is being done
   * @return the line
   */
  static Progress start(PrintWriter err, boolean enabled, String what) {
    Progress p = new Progress(err, enabled, what);
    p.show(what + " ...");
    return p;
  }

  /**
   * Rewrites the line with a status, at most five times a second.
   *
   * @param status e.g. "120 commands answered"
   */
  void update(String status) {
    long now = System.nanoTime();
    if (enabled && now - lastUpdate >= MIN_INTERVAL_NANOS) {
      lastUpdate = now;
      show(what + ": " + status);
    }
  }

  /** @return whether anything is printed */
  boolean enabled() {
    return enabled;
  }

  private void show(String line) {
    if (!enabled) {
      return;
    }
    StringBuilder b = new StringBuilder("\rjpki: ").append(line);
    for (int i = line.length() + 6; i < shown; i++) {
      b.append(' '); // overwrite the rest of a longer earlier line
    }
    shown = line.length() + 6;
    err.print(b);
    err.flush();
  }

  /** Clears the line. */
  @Override
  public void close() {
    if (enabled && shown > 0) {
      err.print("\r" + " ".repeat(shown) + "\r");
      err.flush();
      shown = 0;
    }
  }
}
