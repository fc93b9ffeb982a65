// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

import java.time.Duration;

/**
 * Simulated card time: a fixed cost per APDU, a cost per byte on the wire (command plus response)
 * and a cost per on-card RSA private-key operation. {@link VirtualCardTransport} adds the cost of
 * every exchange to its {@link VirtualCardTransport#simulatedTime()} without sleeping.
 *
 * <p>The presets are estimates: docs/card-protocol.md §1 says no project publishes chip timings (UNCONFIRMED) and
 * suggests 0.3-2 s for the signature. Immutable.
 */
public final class LatencyModel {
  private static final LatencyModel NONE = new LatencyModel(Duration.ZERO, Duration.ZERO,
      Duration.ZERO);

  private final long perApduNanos;
  private final long perByteNanos;
  private final long perRsaNanos;

  private LatencyModel(Duration perApdu, Duration perByte, Duration perRsaOperation) {
    if (perApdu.isNegative() || perByte.isNegative() || perRsaOperation.isNegative()) {
      throw new IllegalArgumentException("latencies must not be negative");
    }
    this.perApduNanos = perApdu.toNanos();
    this.perByteNanos = perByte.toNanos();
    this.perRsaNanos = perRsaOperation.toNanos();
  }

  /**
   * A model with the given costs.
   *
   * @param perApdu fixed cost of one command/response exchange
   * @param perByte cost of one byte of command or response
   * @param perRsaOperation cost of one on-card RSA private-key operation
   * @return the model
   * @throws IllegalArgumentException if a duration is negative
   */
  public static LatencyModel of(Duration perApdu, Duration perByte, Duration perRsaOperation) {
    return new LatencyModel(perApdu, perByte, perRsaOperation);
  }

  /**
   * No latency: simulated time stays zero.
   *
   * @return the zero model
   */
  public static LatencyModel none() {
    return NONE;
  }

  /**
   * A contact reader (T=1): 1 ms per APDU, 90 µs per byte (about 115 kbit/s), 400 ms per RSA-2048
   * signature. Estimates, UNCONFIRMED (docs/card-protocol.md §1).
   *
   * @return the contact preset
   */
  public static LatencyModel contact() {
    return new LatencyModel(Duration.ofMillis(1), Duration.ofNanos(90_000), Duration.ofMillis(400));
  }

  /**
   * NFC (ISO 14443 Type B at 106-212 kbit/s plus frame overhead): 4 ms per APDU, 80 µs per byte,
   * 600 ms per RSA-2048 signature. Estimates, UNCONFIRMED (docs/card-protocol.md §1); Android apps raise the IsoDep
   * timeout to 5 s around signing.
   *
   * @return the NFC preset
   */
  public static LatencyModel nfc() {
    return new LatencyModel(Duration.ofMillis(4), Duration.ofNanos(80_000), Duration.ofMillis(600));
  }

  /**
   * Fixed cost per APDU.
   *
   * @return the duration
   */
  public Duration perApdu() {
    return Duration.ofNanos(perApduNanos);
  }

  /**
   * Cost per byte of command or response.
   *
   * @return the duration
   */
  public Duration perByte() {
    return Duration.ofNanos(perByteNanos);
  }

  /**
   * Cost per on-card RSA private-key operation.
   *
   * @return the duration
   */
  public Duration perRsaOperation() {
    return Duration.ofNanos(perRsaNanos);
  }

  /**
   * The simulated time of one exchange.
   *
   * @param bytesOnWire command length plus response length
   * @param rsaOperations on-card RSA operations the command caused
   * @return the cost in nanoseconds
   */
  public long costNanos(int bytesOnWire, long rsaOperations) {
    return perApduNanos + perByteNanos * bytesOnWire + perRsaNanos * rsaOperations;
  }

  @Override
  public String toString() {
    return "LatencyModel[perApdu=" + perApdu() + ", perByte=" + perByte() + ", perRsa="
        + perRsaOperation() + "]";
  }
}
