// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.CardTransport;
import java.util.Arrays;

/**
 * A response APDU: response data followed by the status word SW1 SW2.
 *
 * <p>Immutable; arrays are copied in and out. {@link #toString()} shows the length and status word only:
 * response data (certificates, My Number, 4 info) is never shown or logged.
 */
public final class Response {
  private final byte[] data;
  private final int sw;

  /**
   * Creates a response.
   *
   * @param data response data (copied)
   * @param sw status word 0x0000..0xFFFF
   * @throws IllegalArgumentException if {@code sw} is out of range
   */
  public Response(byte[] data, int sw) {
    if (sw < 0 || sw > 0xFFFF) {
      throw new IllegalArgumentException("status word must be 0x0000..0xFFFF, was " + sw);
    }
    this.data = data.clone();
    this.sw = sw;
  }

  /**
   * Splits raw transport output into data and status word.
   *
   * @param raw response bytes as returned by {@link CardTransport#transceive(byte[])}
   * @return the response
   * @throws MalformedResponseException if fewer than 2 bytes arrived
   */
  public static Response parse(byte[] raw) throws MalformedResponseException {
    if (raw.length < 2) {
      throw new MalformedResponseException(
          "response APDU", raw.length, "response has " + raw.length + " bytes; SW1 SW2 need 2");
    }
    int n = raw.length - 2;
    return new Response(Arrays.copyOf(raw, n), ((raw[n] & 0xFF) << 8) | (raw[n + 1] & 0xFF));
  }

  /** @return a copy of the response data (may be empty) */
  public byte[] data() {
    return data.clone();
  }

  /** @return the response data length */
  public int dataLength() {
    return data.length;
  }

  /** @return the status word SW1 SW2 as an int, e.g. 0x9000 */
  public int sw() {
    return sw;
  }

  /** @return SW1 */
  public int sw1() {
    return sw >>> 8;
  }

  /** @return SW2 */
  public int sw2() {
    return sw & 0xFF;
  }

  /** @return whether the status word is 9000 */
  public boolean isSuccess() {
    return sw == StatusWord.OK;
  }

  /** @return data followed by SW1 SW2 */
  public byte[] encode() {
    byte[] out = Arrays.copyOf(data, data.length + 2);
    out[data.length] = (byte) (sw >> 8);
    out[data.length + 1] = (byte) sw;
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Response && ((Response) o).sw == sw && Arrays.equals(((Response) o).data, data);
  }

  @Override
  public int hashCode() {
    return sw * 31 + Arrays.hashCode(data);
  }

  /** @return {@code Response[len=N SW=9000]}, never the data */
  @Override
  public String toString() {
    return "Response[len=" + data.length + " SW=" + StatusWord.toHex(sw) + "]";
  }
}
