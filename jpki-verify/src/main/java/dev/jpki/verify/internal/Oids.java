// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;

/** Decodes OBJECT IDENTIFIER contents to dotted text. */
public final class Oids {
  private Oids() {}

  /**
   * Decodes OID content bytes.
   *
   * @param b buffer
   * @param off first content byte
   * @param len content length
   * @return dotted OID
   * @throws BadInputException if empty, truncated, or an arc exceeds 63 bits
   */
  public static String toDotted(byte[] b, int off, int len) throws BadInputException {
    if (len <= 0 || len > 128) {
      throw new BadInputException("OID", off, "length " + len + " out of range");
    }
    StringBuilder sb = new StringBuilder(len * 3);
    long value = 0;
    boolean first = true;
    int arcBytes = 0;
    for (int i = 0; i < len; i++) {
      int x = b[off + i] & 0xFF;
      if (arcBytes == 0 && x == 0x80) {
        throw new BadInputException("OID", off + i, "non-minimal arc");
      }
      if (++arcBytes > 9) {
        throw new BadInputException("OID", off + i, "arc too large");
      }
      value = (value << 7) | (x & 0x7F);
      if ((x & 0x80) == 0) {
        if (first) {
          int top = value < 40 ? 0 : value < 80 ? 1 : 2;
          sb.append(top).append('.').append(value - 40L * top);
          first = false;
        } else {
          sb.append('.').append(value);
        }
        value = 0;
        arcBytes = 0;
      }
    }
    if (arcBytes != 0) {
      throw new BadInputException("OID", off + len, "truncated arc");
    }
    return sb.toString();
  }
}
