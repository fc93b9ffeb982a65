// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.io.ByteArrayOutputStream;

/**
 * BER-TLV encoding in the shapes the My Number Card uses (docs/card-protocol.md §3.3): one- or two-byte tags, short
 * lengths below {@code 0x80} and the non-minimal {@code 82 HH LL} form above.
 */
final class Tlv {
  private Tlv() {}

  /**
   * Encodes a TLV with a short length when it fits and the {@code 82} form otherwise, as the card does
   * (docs/card-protocol.md §3.3: e.g. {@code FF 40 82 00 9F} for 159 bytes, never {@code 81 9F}).
   */
  static byte[] of(int tag, byte[] value) {
    return value.length < 0x80 ? encode(tag, value, false) : encode(tag, value, true);
  }

  /** Encodes a TLV that always uses the three-byte {@code 82 HH LL} length (docs/card-protocol.md §6.4, §6.5, §7.2). */
  static byte[] long82(int tag, byte[] value) {
    return encode(tag, value, true);
  }

  /** Number of header bytes {@link #of(int, byte[])} writes for a value of this length. */
  static int headerLength(int tag, int valueLength) {
    return tagLength(tag) + (valueLength < 0x80 ? 1 : 3);
  }

  /** Map lookup that must succeed (every enum key is filled at construction). */
  static <K, V> V req(java.util.Map<K, V> map, K key) {
    V v = map.get(key);
    if (v == null) {
      throw new IllegalStateException("no entry for " + key);
    }
    return v;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  private static int tagLength(int tag) {
    return tag > 0xFF ? 2 : 1;
  }

  private static byte[] encode(int tag, byte[] value, boolean long82) {
    if (tag < 0 || tag > 0xFFFF) {
      throw new IllegalArgumentException(String.format("tag out of range: %X", tag));
    }
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("TLV value longer than 65535 bytes: " + value.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 5);
    if (tag > 0xFF) {
      out.write(tag >>> 8);
    }
    out.write(tag & 0xFF);
    if (long82) {
      out.write(0x82);
      out.write(value.length >>> 8);
      out.write(value.length & 0xFF);
    } else {
      out.write(value.length);
    }
    out.write(value, 0, value.length);
    return out.toByteArray();
  }
}
