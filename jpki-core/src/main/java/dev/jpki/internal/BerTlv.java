// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import dev.jpki.apdu.MalformedResponseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One BER-TLV data object, parsed strictly: tags of 1 to 3 bytes, definite lengths in the short form or
 * the long form with 1 to 4 length bytes (non-minimal long forms such as {@code 82 00 9F} are accepted,
 * as the card uses them, docs/card-protocol.md §3.3).
 *
 * <p>A length beyond the buffer, an indefinite length ({@code 80}), a tag longer than 3 bytes or trailing
 * bytes where none are allowed give a {@link MalformedResponseException} naming the source and offset —
 * never an {@code ArrayIndexOutOfBoundsException} and never a partial value.
 *
 * <p>Immutable. The object keeps a reference to the buffer it was parsed from; the public parse methods
 * copy their input so later changes to the caller's array cannot change a parsed value.
 */
public final class BerTlv {
  private final byte[] buf;
  private final String source;
  private final int start;
  private final int tag;
  private final int valueOffset;
  private final int length;

  private BerTlv(byte[] buf, String source, int start, int tag, int valueOffset, int length) {
    this.buf = buf;
    this.source = source;
    this.start = start;
    this.tag = tag;
    this.valueOffset = valueOffset;
    this.length = length;
  }

  /**
   * Parses exactly one TLV that spans the whole input.
   *
   * @param encoded the bytes
   * @param source what is being parsed, for error messages (e.g. {@code "text AP EF 0002"})
   * @return the TLV
   * @throws MalformedResponseException if the TLV is malformed or followed by any byte
   */
  public static BerTlv parse(byte[] encoded, String source) throws MalformedResponseException {
    byte[] copy = encoded.clone();
    BerTlv tlv = parseAt(copy, 0, copy.length, source);
    if (tlv.end() != copy.length) {
      throw new MalformedResponseException(
          source, tlv.end(), (copy.length - tlv.end()) + " trailing bytes after the TLV");
    }
    return tlv;
  }

  /**
   * Parses one TLV at the start of the input and ignores what follows (card files carry filler after
   * their TLV, docs/card-protocol.md §3.3).
   *
   * @param encoded the bytes
   * @param source what is being parsed, for error messages
   * @return the TLV
   * @throws MalformedResponseException if the TLV is malformed or longer than the input
   */
  public static BerTlv parsePrefix(byte[] encoded, String source) throws MalformedResponseException {
    byte[] copy = encoded.clone();
    return parseAt(copy, 0, copy.length, source);
  }

  /**
   * Parses a concatenation of TLVs that fills the range exactly.
   *
   * @param encoded the bytes
   * @param offset start of the range
   * @param len length of the range
   * @param source what is being parsed, for error messages
   * @return the TLVs in order
   * @throws MalformedResponseException if any TLV is malformed or the last one does not end at the range end
   */
  public static List<BerTlv> parseSequence(byte[] encoded, int offset, int len, String source)
      throws MalformedResponseException {
    if (offset < 0 || len < 0 || offset > encoded.length - len) {
      throw new IllegalArgumentException("range " + offset + "+" + len + " outside array of " + encoded.length);
    }
    byte[] copy = Arrays.copyOfRange(encoded, offset, offset + len);
    return sequence(copy, 0, len, source);
  }

  /**
   * Length discovery for chunked reads (docs/card-protocol.md §3.3 strategy 2): the total encoded length of the TLV that
   * starts at offset 0 of {@code prefix}, known once its header has arrived.
   *
   * @param prefix the first bytes of a file
   * @param available how many bytes of {@code prefix} are valid
   * @param source what is being parsed, for error messages
   * @return header plus value length, or -1 if {@code available} bytes do not yet hold the whole header
   * @throws MalformedResponseException if the header is malformed
   */
  public static int encodedLength(byte[] prefix, int available, String source)
      throws MalformedResponseException {
    if (available > prefix.length || available < 0) {
      throw new IllegalArgumentException("available " + available + " outside array of " + prefix.length);
    }
    Header h = header(prefix, 0, available, source, true);
    if (h == null) {
      return -1;
    }
    long total = (long) h.valueOffset + h.length;
    if (total > Integer.MAX_VALUE) {
      throw new MalformedResponseException(source, 0, "length " + h.length + " too large");
    }
    return (int) total;
  }

  private static final class Header {
    final int tag;
    final int valueOffset;
    final int length;

    Header(int tag, int valueOffset, int length) {
      this.tag = tag;
      this.valueOffset = valueOffset;
      this.length = length;
    }
  }

  /** Parses a header; returns null only if {@code partialOk} and the header is incomplete. */
  private static @Nullable Header header(byte[] b, int pos, int limit, String source, boolean partialOk)
      throws MalformedResponseException {
    int p = pos;
    if (p >= limit) {
      if (partialOk) {
        return null;
      }
      throw new MalformedResponseException(source, p, "expected a tag, found end of data");
    }
    int first = b[p++] & 0xFF;
    int tag = first;
    if ((first & 0x1F) == 0x1F) {
      int count = 1;
      while (true) {
        if (p >= limit) {
          if (partialOk) {
            return null;
          }
          throw new MalformedResponseException(source, p, "tag truncated");
        }
        int nb = b[p++] & 0xFF;
        tag = (tag << 8) | nb;
        count++;
        if ((nb & 0x80) == 0) {
          break;
        }
        if (count >= 3) {
          throw new MalformedResponseException(source, pos, "tag longer than 3 bytes");
        }
      }
    }
    if (p >= limit) {
      if (partialOk) {
        return null;
      }
      throw new MalformedResponseException(source, p, "length missing after tag");
    }
    int lenOffset = p;
    int l0 = b[p++] & 0xFF;
    long length;
    if (l0 < 0x80) {
      length = l0;
    } else if (l0 == 0x80) {
      throw new MalformedResponseException(source, lenOffset, "indefinite length is not allowed");
    } else {
      int n = l0 & 0x7F;
      if (n > 4) {
        throw new MalformedResponseException(source, lenOffset, "length field of " + n + " bytes; at most 4 allowed");
      }
      if (p + n > limit) {
        if (partialOk) {
          return null;
        }
        throw new MalformedResponseException(source, lenOffset, "length field truncated");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (b[p++] & 0xFF);
      }
      if (length > Integer.MAX_VALUE) {
        throw new MalformedResponseException(source, lenOffset, "length " + length + " too large");
      }
    }
    return new Header(tag, p, (int) length);
  }

  private static BerTlv parseAt(byte[] b, int pos, int limit, String source)
      throws MalformedResponseException {
    Header h = header(b, pos, limit, source, false);
    if (h == null) { // unreachable: partialOk is false
      throw new MalformedResponseException(source, pos, "header truncated");
    }
    if ((long) h.valueOffset + h.length > limit) {
      throw new MalformedResponseException(
          source, pos, "length " + h.length + " runs past the end of the data (" + (limit - h.valueOffset) + " bytes left)");
    }
    return new BerTlv(b, source, pos, h.tag, h.valueOffset, h.length);
  }

  private static List<BerTlv> sequence(byte[] b, int from, int to, String source)
      throws MalformedResponseException {
    List<BerTlv> out = new ArrayList<>();
    int p = from;
    while (p < to) {
      BerTlv t = parseAt(b, p, to, source);
      out.add(t);
      p = t.end();
    }
    return Collections.unmodifiableList(out);
  }

  /** @return the tag as an int of its raw bytes, e.g. {@code 0xFF20}, {@code 0xDF21}, {@code 0x30} */
  public int tag() {
    return tag;
  }

  /** @return whether the constructed bit (bit 6 of the first tag byte) is set */
  public boolean isConstructed() {
    return (buf[start] & 0x20) != 0;
  }

  /** @return the value length */
  public int length() {
    return length;
  }

  /** @return tag and length bytes */
  public int headerLength() {
    return valueOffset - start;
  }

  /** @return header plus value length */
  public int totalLength() {
    return valueOffset + length - start;
  }

  /** @return the offset of this TLV's first byte within the parsed input */
  public int offset() {
    return start;
  }

  /** @return the offset of the value's first byte within the parsed input */
  public int valueOffset() {
    return valueOffset;
  }

  private int end() {
    return valueOffset + length;
  }

  /** @return a copy of the value */
  public byte[] value() {
    return Arrays.copyOfRange(buf, valueOffset, valueOffset + length);
  }

  /** @return a copy of the whole encoding, header included */
  public byte[] encoded() {
    return Arrays.copyOfRange(buf, start, valueOffset + length);
  }

  /**
   * Parses the value as a sequence of TLVs that fills it exactly.
   *
   * @return the children in order
   * @throws MalformedResponseException if a child is malformed or the value has trailing bytes
   */
  public List<BerTlv> children() throws MalformedResponseException {
    return sequence(buf, valueOffset, valueOffset + length, source);
  }

  /**
   * The first child with the given tag.
   *
   * @param childTag the tag
   * @return the child
   * @throws MalformedResponseException if the value does not parse or has no such child
   */
  public BerTlv child(int childTag) throws MalformedResponseException {
    for (BerTlv c : children()) {
      if (c.tag == childTag) {
        return c;
      }
    }
    throw new MalformedResponseException(
        source, valueOffset, "no child with tag " + Integer.toHexString(childTag).toUpperCase(java.util.Locale.ROOT)
            + " in tag " + Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT));
  }

  /** @return {@code BerTlv[tag=FF20 len=N at=O]}, never the value */
  @Override
  public String toString() {
    return "BerTlv[tag=" + Integer.toHexString(tag).toUpperCase(java.util.Locale.ROOT) + " len=" + length
        + " at=" + start + "]";
  }
}
