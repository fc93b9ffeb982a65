// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.reader;

import java.time.Duration;

/**
 * A manual clock for reader models with timeouts (the 5-second idle transaction), so tests never sleep.
 * Confined to the test's thread.
 */
public final class TestClock {
  private long nanos;

  /** Creates a clock at time zero. */
  public TestClock() {}

  /**
   * The current time.
   *
   * @return nanoseconds since the clock was created, plus every {@link #advance}
   */
  public long nanos() {
    return nanos;
  }

  /**
   * Moves the clock forward.
   *
   * @param d how much; not negative
   * @throws IllegalArgumentException if {@code d} is negative
   */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back");
    }
    nanos += d.toNanos();
  }

  @Override
  public String toString() {
    return "TestClock[" + Duration.ofNanos(nanos) + "]";
  }
}
