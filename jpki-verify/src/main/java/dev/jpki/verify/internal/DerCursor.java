// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;

/**
 * A bounded, allocation-free cursor over BER/DER bytes.
 *
 * <p>Every length is checked against the enclosing limit before it is used, so a hostile length claim
 * (e.g. {@code 84 7F FF FF FF}) fails at once instead of causing an allocation. Tags of up to three
 * bytes are supported (the 券面 APs use two-byte private tags such as {@code FF20}, docs/card-protocol.md §6.3); long-form
 * lengths may be non-minimal ({@code 82 00 9F}, docs/card-protocol.md §3.3). Indefinite lengths are refused here; see
 * {@link DerStructure} for the BER walk used on CMS.
 *
 * <p>Not thread-safe. After {@link #header} the fields {@link #tag()}, {@link #headerStart()}, {@link
 * #valueStart} and {@link #valueEnd()} describe the element just read and {@link #pos()} is at its value.
 */
public final class DerCursor {
  private final byte[] buf;
  private final String input;

  /** Current position. */
  private int pos;
  /** Tag bytes of the last element read, packed big-endian (e.g. {@code 0x30}, {@code 0xDF21}). */
  private int tag;
  /** Whether the last element read is constructed. */
  private boolean constructed;
  /** Offset of the last element's first tag byte. */
  private int headerStart;
  /** Offset of the last element's first value byte. */
  private int valueStart;
  /** Offset just past the last element's value. */
  private int valueEnd;

  /**
   * Creates a cursor at offset {@code start}.
   *
   * @param buf the bytes; not copied, never modified
   * @param start first offset to read
   * @param input what the bytes are, for messages (e.g. {@code "CRL"})
   */
  public DerCursor(byte[] buf, int start, String input) {
    this.buf = buf;
    this.pos = start;
    this.input = input;
  }

  /**
   * Returns the underlying buffer.
   *
   * @return the bytes this cursor reads (not a copy)
   */
  public byte[] buffer() {
    return buf;
  }

  /** @return the read position: after {@link #header}, the first value byte of the element read */
  public int pos() {
    return pos;
  }

  /**
   * Moves the read position, e.g. back to a remembered element or past one the caller skipped.
   *
   * @param position the new position
   */
  public void seek(int position) {
    this.pos = position;
  }

  /** @return the tag bytes of the last element read, packed big-endian (e.g. {@code 0x30}) */
  public int tag() {
    return tag;
  }

  /** @return whether the last element read is constructed */
  public boolean constructed() {
    return constructed;
  }

  /** @return the offset of the last element's first tag byte */
  public int headerStart() {
    return headerStart;
  }

  /** @return the offset of the last element's first value byte */
  public int valueStart() {
    return valueStart;
  }

  /** @return the offset just past the last element's value */
  public int valueEnd() {
    return valueEnd;
  }

  /**
   * Reads the tag and length of the element at {@link #pos()}; the element must end at or before
   * {@code limit}. Leaves {@link #pos()} at the first value byte.
   *
   * @param limit offset the element must not extend past
   * @param field what is being read, for messages
   * @return the packed tag
   * @throws BadInputException if the header is truncated, the tag too long, the length indefinite or
   *     larger than the bytes left before {@code limit}
   */
  public int header(int limit, String field) throws BadInputException {
    int p = pos;
    if (limit > buf.length) {
      limit = buf.length;
    }
    if (p >= limit) {
      throw bad(field, p, "element missing (end of data)");
    }
    headerStart = p;
    int b = buf[p++] & 0xFF;
    constructed = (b & 0x20) != 0;
    int t = b;
    if ((b & 0x1F) == 0x1F) {
      // high tag number form: at most two more bytes (covers FF20, DF21, 5F4E, 7F21)
      for (int i = 0; ; i++) {
        if (p >= limit) {
          throw bad(field, headerStart, "truncated tag");
        }
        if (i == 2) {
          throw bad(field, headerStart, "tag longer than 3 bytes");
        }
        int nb = buf[p++] & 0xFF;
        t = (t << 8) | nb;
        if ((nb & 0x80) == 0) {
          break;
        }
      }
    }
    if (p >= limit) {
      throw bad(field, headerStart, "truncated length");
    }
    int lb = buf[p++] & 0xFF;
    long len;
    if (lb < 0x80) {
      len = lb;
    } else if (lb == 0x80) {
      throw bad(field, headerStart, "indefinite length not allowed here");
    } else {
      int n = lb & 0x7F;
      if (n > 4) {
        throw bad(field, headerStart, "length field of " + n + " bytes is too long");
      }
      if (limit - p < n) {
        throw bad(field, headerStart, "truncated length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (buf[p++] & 0xFF);
      }
    }
    if (len > limit - p) {
      throw bad(field, headerStart, "length " + len + " exceeds the " + (limit - p) + " bytes available");
    }
    tag = t;
    valueStart = p;
    valueEnd = p + (int) len;
    pos = p;
    return t;
  }

  /**
   * Reads a header and requires a given tag.
   *
   * @param expectedTag the packed tag wanted
   * @param limit offset the element must not extend past
   * @param field what is being read, for messages
   * @throws BadInputException if the header is bad or the tag differs
   */
  public void expect(int expectedTag, int limit, String field) throws BadInputException {
    int t = header(limit, field);
    if (t != expectedTag) {
      throw bad(field, headerStart, String.format("expected tag %02X but found %02X", expectedTag, t));
    }
  }

  /** Moves {@link #pos()} past the value of the element last read. */
  public void skip() {
    pos = valueEnd;
  }

  /**
   * Returns the length of the last element's value.
   *
   * @return {@code valueEnd - valueStart}
   */
  public int valueLength() {
    return valueEnd - valueStart;
  }

  /**
   * Whether the last element's value equals {@code expected} byte for byte.
   *
   * @param expected the bytes to compare with
   * @return true when equal
   */
  public boolean valueEquals(byte[] expected) {
    int len = valueEnd - valueStart;
    if (len != expected.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (buf[valueStart + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Builds an exception about this input.
   *
   * @param field the field being read
   * @param offset the offset of the problem
   * @param problem what is wrong
   * @return the exception to throw
   */
  public BadInputException bad(String field, int offset, String problem) {
    return new BadInputException(input + " " + field, offset, problem);
  }
}
