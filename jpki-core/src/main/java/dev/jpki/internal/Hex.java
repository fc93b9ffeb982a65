// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

/**
 * Hexadecimal encoding for APDU scripts, tests and diagnostics (Android API 24 lacks
 * {@code java.util.HexFormat}).
 *
 * <p>Never use this to log response data or command data fields: they may hold PINs or personal data.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();
  private static final char[] LOWER_DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /**
   * Encodes bytes as upper-case hex without separators.
   *
   * @param bytes the bytes
   * @return e.g. {@code "00A4040C"}
   */
  public static String encode(byte[] bytes) {
    return encode(bytes, 0, bytes.length);
  }

  /**
   * Encodes a range of bytes as upper-case hex without separators.
   *
   * @param bytes the bytes
   * @param offset first byte
   * @param length number of bytes
   * @return the hex string
   * @throws IndexOutOfBoundsException if the range is outside {@code bytes}
   */
  public static String encode(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "range " + offset + "+" + length + " outside array of " + bytes.length);
    }
    char[] out = new char[length * 2];
    for (int i = 0; i < length; i++) {
      int b = bytes[offset + i] & 0xFF;
      out[2 * i] = DIGITS[b >>> 4];
      out[2 * i + 1] = DIGITS[b & 0x0F];
    }
    return new String(out);
  }

  /**
   * Encodes bytes as lower-case hex without separators, the form certificate fingerprints and key ids
   * are usually written in.
   *
   * @param bytes the bytes
   * @return e.g. {@code "79679c33"}
   */
  public static String encodeLower(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      out[2 * i] = LOWER_DIGITS[b >>> 4];
      out[2 * i + 1] = LOWER_DIGITS[b & 0x0F];
    }
    return new String(out);
  }

  /**
   * Decodes hex, ignoring spaces, colons and line breaks between byte pairs; case-insensitive.
   *
   * @param hex e.g. {@code "00 A4 04 0C"}
   * @return the bytes
   * @throws IllegalArgumentException on an odd number of digits or a non-hex character (with its index)
   */
  public static byte[] decode(CharSequence hex) {
    byte[] buf = new byte[hex.length() / 2];
    int n = 0;
    int hi = -1;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (c == ' ' || c == ':' || c == '\n' || c == '\r' || c == '\t') {
        if (hi >= 0) {
          throw new IllegalArgumentException("separator inside a byte at index " + i);
        }
        continue;
      }
      int d = Character.digit(c, 16);
      if (d < 0) {
        throw new IllegalArgumentException("not a hex digit at index " + i);
      }
      if (hi < 0) {
        hi = d;
      } else {
        buf[n++] = (byte) ((hi << 4) | d);
        hi = -1;
      }
    }
    if (hi >= 0) {
      throw new IllegalArgumentException("odd number of hex digits");
    }
    byte[] out = new byte[n];
    System.arraycopy(buf, 0, out, 0, n);
    return out;
  }
}
