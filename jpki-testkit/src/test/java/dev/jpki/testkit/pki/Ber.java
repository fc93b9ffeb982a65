// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Independent test-side BER-TLV walker (does not reuse production encoders). */
final class Ber {
  /** One object: tag, where it starts, header length and value length. */
  record Obj(int tag, int start, int headerLength, int length, byte[] file) {
    int valueStart() {
      return start + headerLength;
    }

    int end() {
      return valueStart() + length;
    }

    byte[] value() {
      return Arrays.copyOfRange(file, valueStart(), end());
    }

    byte[] raw() {
      return Arrays.copyOfRange(file, start, end());
    }

    /** Children of a constructed object, stopping at FF/00 filler. */
    List<Obj> children() {
      return Ber.sequence(file, valueStart(), end());
    }

    Obj child(int tag) {
      return children().stream()
          .filter(o -> o.tag() == tag)
          .findFirst()
          .orElseThrow(() -> new AssertionError(String.format("no child %X", tag)));
    }
  }

  private Ber() {}

  static Obj parse(byte[] file, int offset) {
    int p = offset;
    int tag = file[p++] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      tag = (tag << 8) | (file[p++] & 0xFF);
    }
    int len = file[p++] & 0xFF;
    if (len == 0x81) {
      len = file[p++] & 0xFF;
    } else if (len == 0x82) {
      len = ((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF);
      p += 2;
    } else if (len > 0x80) {
      throw new AssertionError("unexpected length form " + Integer.toHexString(len));
    }
    return new Obj(tag, offset, p - offset, len, file);
  }

  static Obj parse(byte[] file) {
    return parse(file, 0);
  }

  static List<Obj> sequence(byte[] file, int from, int to) {
    List<Obj> out = new ArrayList<>();
    int p = from;
    while (p < to && file[p] != (byte) 0xFF && file[p] != 0x00) {
      Obj o = parse(file, p);
      out.add(o);
      p = o.end();
    }
    if (p > to) {
      throw new AssertionError("object runs past its parent");
    }
    return out;
  }

  static byte[] hex(String s) {
    String h = s.replace(" ", "");
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
