// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A 16-byte card-verifiable-certificate key id (docs/card-protocol.md §6.5): 7 ASCII digits, {@code 08 05}, 3 ASCII
 * digits and 4 padding bytes {@code 00}, printed as {@code 6000033/001}. Immutable value.
 */
public final class CvcKeyId {
  /** Length of the encoded id. */
  public static final int LENGTH = 16;

  private final byte[] bytes;

  private CvcKeyId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Builds an id from its two digit groups.
   *
   * @param number 7 ASCII digits, e.g. {@code "6000033"}
   * @param group 3 ASCII digits, e.g. {@code "001"}
   * @return the id
   * @throws IllegalArgumentException if a group has the wrong length or a non-digit
   */
  public static CvcKeyId of(String number, String group) {
    if (!number.matches("[0-9]{7}") || !group.matches("[0-9]{3}")) {
      throw new IllegalArgumentException("key id needs 7 digits and 3 digits, e.g. 6000033/001");
    }
    byte[] b = new byte[LENGTH];
    System.arraycopy(number.getBytes(StandardCharsets.US_ASCII), 0, b, 0, 7);
    b[7] = 0x08;
    b[8] = 0x05;
    System.arraycopy(group.getBytes(StandardCharsets.US_ASCII), 0, b, 9, 3);
    return new CvcKeyId(b);
  }

  /**
   * The 16 encoded bytes.
   *
   * @return a copy
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CvcKeyId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The printed form, e.g. {@code 6000033/001}. */
  @Override
  public String toString() {
    return new String(bytes, 0, 7, StandardCharsets.US_ASCII)
        + "/"
        + new String(bytes, 9, 3, StandardCharsets.US_ASCII);
  }
}
