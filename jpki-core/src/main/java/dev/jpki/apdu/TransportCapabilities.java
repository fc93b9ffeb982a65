package dev.jpki.apdu;

/**
 * What a {@link CardTransport} can carry: whether extended-length APDUs work, and the largest command
 * and response (including SW1 SW2) in bytes.
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

  private TransportCapabilities(boolean extendedLength, int maxCommandLength, int maxResponseLength) {
    if (maxCommandLength < 5) {
      throw new IllegalArgumentException("maxCommandLength must be at least 5, was " + maxCommandLength);
    }
    if (maxResponseLength < 2) {
      throw new IllegalArgumentException("maxResponseLength must be at least 2, was " + maxResponseLength);
    }
    this.extendedLength = extendedLength;
    this.maxCommandLength = maxCommandLength;
    this.maxResponseLength = maxResponseLength;
  }

  /**
   * A transport limited to short APDUs (255 bytes of command data, 256 of response data).
   *
   * @return short-only capabilities
   */
  public static TransportCapabilities shortOnly() {
    return new TransportCapabilities(false, SHORT_MAX_COMMAND, SHORT_MAX_RESPONSE);
  }

  /**
   * A transport that carries extended-length APDUs up to the given sizes.
   *
   * @param maxCommandLength largest encoded command APDU in bytes (at least 5)
   * @param maxResponseLength largest response in bytes including SW1 SW2 (at least 2)
   * @return extended-length capabilities
   * @throws IllegalArgumentException if a size is out of range
   */
  public static TransportCapabilities extended(int maxCommandLength, int maxResponseLength) {
    return new TransportCapabilities(true, maxCommandLength, maxResponseLength);
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
        && other.maxResponseLength == maxResponseLength;
  }

  @Override
  public int hashCode() {
    return (extendedLength ? 1 : 0) + 31 * maxCommandLength + 961 * maxResponseLength;
  }

  @Override
  public String toString() {
    return "TransportCapabilities[" + (extendedLength ? "extended" : "short")
        + ", maxCommand=" + maxCommandLength + ", maxResponse=" + maxResponseLength + "]";
  }
}
