// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import java.util.Arrays;

/**
 * An ISO 7816-4 command APDU: header, optional command data, optional expected response length Ne.
 *
 * <p>All four cases are supported in short and extended encodings. {@code ne} is 0 for "no Le field",
 * otherwise 1..65536 (256 is encoded {@code 00} in short form, 65536 as {@code 00 00} in extended form).
 * Commands marked {@link #sensitive()} (VERIFY, CHANGE REFERENCE DATA, data to be signed) never show their
 * data in {@link #toString()}.
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class Apdu {
  /** Largest command data field (extended Lc). */
  public static final int MAX_DATA = 65535;

  /** Largest Ne (extended Le {@code 00 00}). */
  public static final int MAX_NE = 65536;

  private static final byte[] EMPTY = new byte[0];

  private final int cla;
  private final int ins;
  private final int p1;
  private final int p2;
  private final byte[] data;
  private final int ne;
  private final boolean sensitive;

  private Apdu(int cla, int ins, int p1, int p2, byte[] data, int ne, boolean sensitive) {
    checkU8(cla, "CLA");
    checkU8(ins, "INS");
    checkU8(p1, "P1");
    checkU8(p2, "P2");
    if (data.length > MAX_DATA) {
      throw new IllegalArgumentException(
          "command data is " + data.length + " bytes; at most " + MAX_DATA + " fit in Lc");
    }
    if (ne < 0 || ne > MAX_NE) {
      throw new IllegalArgumentException("Ne must be 0 (absent) or 1.." + MAX_NE + ", was " + ne);
    }
    this.cla = cla;
    this.ins = ins;
    this.p1 = p1;
    this.p2 = p2;
    this.data = data;
    this.ne = ne;
    this.sensitive = sensitive;
  }

  private static void checkU8(int v, String field) {
    if (v < 0 || v > 0xFF) {
      throw new IllegalArgumentException(field + " must be 0x00..0xFF, was " + v);
    }
  }

  /**
   * A case-1 command (header only).
   *
   * @param cla class byte
   * @param ins instruction byte
   * @param p1 parameter 1
   * @param p2 parameter 2
   * @return the command
   * @throws IllegalArgumentException if a byte is outside 0..255
   */
  public static Apdu of(int cla, int ins, int p1, int p2) {
    return new Apdu(cla, ins, p1, p2, EMPTY, 0, false);
  }

  /**
   * A command with data and/or Ne.
   *
   * @param cla class byte
   * @param ins instruction byte
   * @param p1 parameter 1
   * @param p2 parameter 2
   * @param data command data (copied; empty for none)
   * @param ne expected response length, 0 for no Le field, up to 65536
   * @return the command
   * @throws IllegalArgumentException if a field is out of range
   */
  public static Apdu of(int cla, int ins, int p1, int p2, byte[] data, int ne) {
    return new Apdu(cla, ins, p1, p2, data.clone(), ne, false);
  }

  /**
   * The same command with other data.
   *
   * @param newData command data (copied)
   * @return a new command
   */
  public Apdu withData(byte[] newData) {
    return new Apdu(cla, ins, p1, p2, newData.clone(), ne, sensitive);
  }

  /**
   * The same command with another Ne (e.g. re-issued after {@code 6Cxx}).
   *
   * @param newNe expected response length, 0 for none
   * @return a new command
   */
  public Apdu withNe(int newNe) {
    return new Apdu(cla, ins, p1, p2, data, newNe, sensitive);
  }

  /**
   * The same command marked sensitive: its data never appears in {@link #toString()} or traces.
   *
   * @return a new command
   */
  public Apdu asSensitive() {
    return new Apdu(cla, ins, p1, p2, data, ne, true);
  }

  /**
   * Decodes an encoded command APDU, short or extended, validating every length field.
   *
   * @param encoded the command bytes
   * @return the command (not marked sensitive)
   * @throws IllegalArgumentException naming the field and offset that is wrong
   */
  public static Apdu parse(byte[] encoded) {
    int n = encoded.length;
    if (n < 4) {
      throw new IllegalArgumentException("APDU too short: " + n + " bytes, header needs 4");
    }
    int cla = encoded[0] & 0xFF;
    int ins = encoded[1] & 0xFF;
    int p1 = encoded[2] & 0xFF;
    int p2 = encoded[3] & 0xFF;
    if (n == 4) {
      return new Apdu(cla, ins, p1, p2, EMPTY, 0, false);
    }
    int b4 = encoded[4] & 0xFF;
    if (n == 5) { // case 2S
      return new Apdu(cla, ins, p1, p2, EMPTY, b4 == 0 ? 256 : b4, false);
    }
    if (b4 != 0) { // short, case 3S or 4S
      int lc = b4;
      if (n == 5 + lc) {
        return new Apdu(cla, ins, p1, p2, Arrays.copyOfRange(encoded, 5, 5 + lc), 0, false);
      }
      if (n == 6 + lc) {
        int le = encoded[5 + lc] & 0xFF;
        return new Apdu(cla, ins, p1, p2, Arrays.copyOfRange(encoded, 5, 5 + lc), le == 0 ? 256 : le, false);
      }
      throw new IllegalArgumentException(
          "short Lc=" + lc + " at offset 4 does not match APDU length " + n);
    }
    // Extended: byte 4 is 00.
    if (n == 7) { // case 2E
      int le = ((encoded[5] & 0xFF) << 8) | (encoded[6] & 0xFF);
      return new Apdu(cla, ins, p1, p2, EMPTY, le == 0 ? 65536 : le, false);
    }
    if (n < 7) {
      throw new IllegalArgumentException("extended length field at offset 4 truncated: APDU is " + n + " bytes");
    }
    int lc = ((encoded[5] & 0xFF) << 8) | (encoded[6] & 0xFF);
    if (lc == 0) {
      throw new IllegalArgumentException("extended Lc at offset 5 is 0 but data follows");
    }
    if (n == 7 + lc) {
      return new Apdu(cla, ins, p1, p2, Arrays.copyOfRange(encoded, 7, 7 + lc), 0, false);
    }
    if (n == 9 + lc) {
      int le = ((encoded[7 + lc] & 0xFF) << 8) | (encoded[8 + lc] & 0xFF);
      return new Apdu(cla, ins, p1, p2, Arrays.copyOfRange(encoded, 7, 7 + lc), le == 0 ? 65536 : le, false);
    }
    throw new IllegalArgumentException(
        "extended Lc=" + lc + " at offset 5 does not match APDU length " + n);
  }

  /**
   * Whether this command needs the extended encoding (data over 255 bytes or Ne over 256).
   *
   * @return true if it cannot be sent as a short APDU
   */
  public boolean requiresExtended() {
    return data.length > 255 || ne > 256;
  }

  /**
   * Encodes in the short form when it fits, else in the extended form.
   *
   * @return the encoded command
   */
  public byte[] encode() {
    return encode(requiresExtended());
  }

  /**
   * Encodes in the requested form.
   *
   * @param extended true for the extended encoding, false for short
   * @return the encoded command
   * @throws IllegalStateException if {@code extended} is false but the command does not fit a short APDU
   */
  public byte[] encode(boolean extended) {
    if (!extended && requiresExtended()) {
      throw new IllegalStateException(
          "command with " + data.length + " data bytes and Ne=" + ne + " needs extended length");
    }
    int lc = data.length;
    if (!extended || (lc == 0 && ne == 0)) {
      int len = 4 + (lc > 0 ? 1 + lc : 0) + (ne > 0 ? 1 : 0);
      byte[] out = new byte[len];
      header(out);
      int pos = 4;
      if (lc > 0) {
        out[pos++] = (byte) lc;
        System.arraycopy(data, 0, out, pos, lc);
        pos += lc;
      }
      if (ne > 0) {
        out[pos] = (byte) (ne == 256 ? 0 : ne);
      }
      return out;
    }
    int len = 4 + 1 + (lc > 0 ? 2 + lc : 0) + (ne > 0 ? 2 : 0);
    byte[] out = new byte[len];
    header(out);
    out[4] = 0;
    int pos = 5;
    if (lc > 0) {
      out[pos++] = (byte) (lc >> 8);
      out[pos++] = (byte) lc;
      System.arraycopy(data, 0, out, pos, lc);
      pos += lc;
    }
    if (ne > 0) {
      int le = ne == 65536 ? 0 : ne;
      out[pos++] = (byte) (le >> 8);
      out[pos] = (byte) le;
    }
    return out;
  }

  private void header(byte[] out) {
    out[0] = (byte) cla;
    out[1] = (byte) ins;
    out[2] = (byte) p1;
    out[3] = (byte) p2;
  }

  /**
   * The ISO 7816-3 case: 1 (no data, no Le), 2 (Le only), 3 (data only), 4 (data and Le).
   *
   * @return 1..4
   */
  public int isoCase() {
    return data.length == 0 ? (ne == 0 ? 1 : 2) : (ne == 0 ? 3 : 4);
  }

  /** @return the class byte */
  public int cla() {
    return cla;
  }

  /** @return the instruction byte */
  public int ins() {
    return ins;
  }

  /** @return parameter 1 */
  public int p1() {
    return p1;
  }

  /** @return parameter 2 */
  public int p2() {
    return p2;
  }

  /** @return a copy of the command data (empty if none) */
  public byte[] data() {
    return data.clone();
  }

  /** @return the command data length Nc */
  public int dataLength() {
    return data.length;
  }

  /** @return expected response length Ne, 0 if there is no Le field */
  public int ne() {
    return ne;
  }

  /** @return whether the data is secret (PIN, data to be signed) and must never be shown */
  public boolean sensitive() {
    return sensitive;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Apdu)) {
      return false;
    }
    Apdu a = (Apdu) o;
    return a.cla == cla && a.ins == ins && a.p1 == p1 && a.p2 == p2 && a.ne == ne
        && a.sensitive == sensitive && Arrays.equals(a.data, data);
  }

  @Override
  public int hashCode() {
    return ((((cla * 31 + ins) * 31 + p1) * 31 + p2) * 31 + ne) * 31 + Arrays.hashCode(data);
  }

  /**
   * Header, lengths and, unless sensitive, the data in hex. Never the data of a sensitive command.
   *
   * @return e.g. {@code Apdu[00 20 00 80 Lc=4 Le=0 data=<redacted>]}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Apdu[");
    byte[] h = {(byte) cla, (byte) ins, (byte) p1, (byte) p2};
    for (int i = 0; i < 4; i++) {
      sb.append(Hex.encode(h, i, 1)).append(i < 3 ? " " : "");
    }
    sb.append(" Lc=").append(data.length).append(" Le=").append(ne);
    if (data.length > 0) {
      sb.append(" data=").append(sensitive ? "<redacted>" : Hex.encode(data));
    }
    return sb.append(']').toString();
  }
}
