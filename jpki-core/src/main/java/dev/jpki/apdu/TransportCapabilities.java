// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

/**
 * What a {@link CardTransport} can carry: whether extended-length APDUs work, the largest command and
 * response (including SW1 SW2) in bytes, and how READ BINARY responses are sized ({@link #sizing()}).
 *
 * <p>PC/SC through {@code javax.smartcardio} caps responses at 8192 bytes including the status word
 * (docs/testing.md §1.6); short-only NFC stacks at 258.
 */
public final class TransportCapabilities {
  /** Largest short command APDU: 4 header + 1 Lc + 255 data + 1 Le. */
  public static final int SHORT_MAX_COMMAND = 261;

  /** Largest short response: 256 data + SW1 SW2. */
  public static final int SHORT_MAX_RESPONSE = 258;

  private final boolean extendedLength;
  private final int maxCommandLength;
  private final int maxResponseLength;
  private final ExtendedLength sizing;

  private TransportCapabilities(boolean extendedLength, int maxCommandLength, int maxResponseLength,
      ExtendedLength sizing) {
    if (maxCommandLength < 5) {
      throw new IllegalArgumentException("maxCommandLength must be at least 5, was " + maxCommandLength);
    }
    if (maxResponseLength < 2) {
      throw new IllegalArgumentException("maxResponseLength must be at least 2, was " + maxResponseLength);
    }
    this.extendedLength = extendedLength;
    this.maxCommandLength = maxCommandLength;
    this.maxResponseLength = maxResponseLength;
    this.sizing = sizing;
  }

  /**
   * A transport limited to short APDUs (255 bytes of command data, 256 of response data):
   * {@link ExtendedLength#NEVER}.
   *
   * @return short-only capabilities
   */
  public static TransportCapabilities shortOnly() {
    return new TransportCapabilities(false, SHORT_MAX_COMMAND, SHORT_MAX_RESPONSE, ExtendedLength.NEVER);
  }

  /**
   * A transport that carries extended-length APDUs up to the given sizes, read with extended chunks from
   * the first READ BINARY ({@link ExtendedLength#ALWAYS}) when {@code maxResponseLength} is above 258,
   * else with short ones ({@link ExtendedLength#AUTO}).
   *
   * @param maxCommandLength largest encoded command APDU in bytes (at least 5)
   * @param maxResponseLength largest response in bytes including SW1 SW2 (at least 2)
   * @return extended-length capabilities
   * @throws IllegalArgumentException if a size is out of range
   */
  public static TransportCapabilities extended(int maxCommandLength, int maxResponseLength) {
    return new TransportCapabilities(true, maxCommandLength, maxResponseLength,
        maxResponseLength > SHORT_MAX_RESPONSE ? ExtendedLength.ALWAYS : ExtendedLength.AUTO);
  }

  /**
   * A transport that carries extended-length commands and reads in short chunks until a large extended
   * READ BINARY proved that responses of up to {@code maxResponseLength} bytes arrive intact
   * ({@link ExtendedLength#PROVE}).
   *
   * @param maxCommandLength largest encoded command APDU in bytes (at least 5)
   * @param maxResponseLength largest response that may be tried, including SW1 SW2 (above 258)
   * @return capabilities with {@link ExtendedLength#PROVE}
   * @throws IllegalArgumentException if a size is out of range
   */
  public static TransportCapabilities proveExtended(int maxCommandLength, int maxResponseLength) {
    if (maxResponseLength <= SHORT_MAX_RESPONSE) {
      throw new IllegalArgumentException("nothing to prove with maxResponseLength " + maxResponseLength
          + ": a short response carries 258 bytes");
    }
    return new TransportCapabilities(true, maxCommandLength, maxResponseLength, ExtendedLength.PROVE);
  }

  /**
   * The extended-length policy, which sizes READ BINARY responses: {@link ExtendedLength#AUTO} and
   * {@link ExtendedLength#NEVER} (256-byte chunks), {@link ExtendedLength#PROVE} (short until a large
   * extended read proved the reader) or {@link ExtendedLength#ALWAYS} (extended chunks from the start).
   *
   * @return the policy
   */
  public ExtendedLength sizing() {
    return sizing;
  }

  /**
   * Whether extended-length APDUs (3-byte Lc, 2- or 3-byte Le) may be sent.
   *
   * @return true if extended length is supported
   */
  public boolean extendedLength() {
    return extendedLength;
  }

  /**
   * The largest encoded command APDU this transport carries.
   *
   * @return length in bytes
   */
  public int maxCommandLength() {
    return maxCommandLength;
  }

  /**
   * The largest response this transport carries, including SW1 SW2.
   *
   * @return length in bytes
   */
  public int maxResponseLength() {
    return maxResponseLength;
  }

  /**
   * The largest number of response data bytes one READ BINARY may ask for on this transport.
   *
   * <p>With {@link ExtendedLength#PROVE} this is the size a READ BINARY may ask for once proven; before
   * that the session reads 256 bytes at a time.
   *
   * @return 256 for short-only transports, else {@code min(65536, maxResponseLength - 2)}
   */
  public int maxResponseData() {
    return extendedLength ? Math.min(65536, maxResponseLength - 2) : 256;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportCapabilities other
        && other.extendedLength == extendedLength
        && other.maxCommandLength == maxCommandLength
        && other.maxResponseLength == maxResponseLength
        && other.sizing == sizing;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(extendedLength, maxCommandLength, maxResponseLength, sizing);
  }

  @Override
  public String toString() {
    return "TransportCapabilities[" + (extendedLength ? "extended" : "short")
        + ", maxCommand=" + maxCommandLength + ", maxResponse=" + maxResponseLength + ", reads=" + sizing + "]";
  }
}
