package dev.jpki.verify.internal;

/** Lower-case hex encoding. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /**
   * Encodes bytes as lower-case hex.
   *
   * @param b the bytes
   * @return hex text, two characters per byte
   */
  public static String encode(byte[] b) {
    char[] c = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      c[2 * i] = DIGITS[(b[i] >> 4) & 0xF];
      c[2 * i + 1] = DIGITS[b[i] & 0xF];
    }
    return new String(c);
  }

  /**
   * Decodes hex (upper or lower case, no separators).
   *
   * @param s hex text
   * @return the bytes
   * @throws IllegalArgumentException on odd length or a non-hex character
   */
  public static byte[] decode(String s) {
    if ((s.length() & 1) != 0) {
      throw new IllegalArgumentException("odd hex length");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not hex at index " + (2 * i));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
