// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;

/**
 * A bounded walk over a whole BER/DER structure that rejects hostile input before a full parser
 * (the JDK's or BouncyCastle's) sees it: lengths beyond the data, nesting deeper than a limit,
 * trailing bytes, and (unless allowed) indefinite lengths.
 *
 * <p>The walk allocates nothing and costs one pass over the headers, so parsers that follow never meet
 * a length claim larger than their input, recursion deep enough to overflow the stack or (with an
 * element limit) more elements than the caller allows.
 */
public final class DerStructure {
  /** Nesting limit used for certificates, CRL extensions, OCSP responses and CMS. */
  public static final int DEFAULT_MAX_DEPTH = 48;

  private final int maxElements;
  private int elements;

  private DerStructure(int maxElements) {
    this.maxElements = maxElements;
  }

  /**
   * Checks that {@code in} holds exactly one well-formed element.
   *
   * @param in the bytes
   * @param what what the bytes should be, for messages
   * @param maxDepth maximum nesting of constructed elements
   * @param allowIndefinite whether BER indefinite lengths are allowed (CMS may use them)
   * @throws BadInputException if the structure is malformed
   */
  public static void check(byte[] in, String what, int maxDepth, boolean allowIndefinite)
      throws BadInputException {
    check(in, what, maxDepth, allowIndefinite, Integer.MAX_VALUE);
  }

  /**
   * Checks that {@code in} holds exactly one well-formed element of at most {@code maxElements} elements
   * in all. A parser that follows builds one object per element, so the count bounds the heap a small
   * input can make it claim (a 2-byte element costs it tens of bytes).
   *
   * @param in the bytes
   * @param what what the bytes should be, for messages
   * @param maxDepth maximum nesting of constructed elements
   * @param allowIndefinite whether BER indefinite lengths are allowed (CMS may use them)
   * @param maxElements maximum number of elements, nested ones included
   * @throws BadInputException if the structure is malformed or has too many elements
   */
  public static void check(byte[] in, String what, int maxDepth, boolean allowIndefinite, int maxElements)
      throws BadInputException {
    if (in.length == 0) {
      throw new BadInputException(what, 0, "empty input");
    }
    int end = new DerStructure(maxElements).walk(in, 0, in.length, what, 0, maxDepth, allowIndefinite, false);
    if (end != in.length) {
      throw new BadInputException(what, end, (in.length - end) + " trailing bytes after the structure");
    }
  }

  /**
   * Walks one element at {@code p} and returns the offset after it.
   *
   * @param endOfContents when true the element may be an end-of-contents marker (00 00)
   */
  private int walk(byte[] b, int p, int limit, String what, int depth, int maxDepth,
      boolean allowIndefinite, boolean endOfContents) throws BadInputException {
    if (depth > maxDepth) {
      throw new BadInputException(what, p, "nesting deeper than " + maxDepth);
    }
    if (++elements > maxElements) {
      throw new BadInputException(what, p, "more than " + maxElements + " elements");
    }
    if (p >= limit) {
      throw new BadInputException(what, p, "truncated element");
    }
    int start = p;
    int first = b[p++] & 0xFF;
    boolean constructed = (first & 0x20) != 0;
    if ((first & 0x1F) == 0x1F) {
      int n = 0;
      while (true) {
        if (p >= limit) {
          throw new BadInputException(what, start, "truncated tag");
        }
        if (++n > 4) {
          throw new BadInputException(what, start, "tag too long");
        }
        if ((b[p++] & 0x80) == 0) {
          break;
        }
      }
    }
    if (p >= limit) {
      throw new BadInputException(what, start, "truncated length");
    }
    int lb = b[p++] & 0xFF;
    if (lb == 0x80) {
      if (!allowIndefinite || !constructed) {
        throw new BadInputException(what, start, "indefinite length not allowed");
      }
      // indefinite: children until 00 00
      while (true) {
        if (limit - p < 2) {
          throw new BadInputException(what, start, "missing end-of-contents");
        }
        if (b[p] == 0 && b[p + 1] == 0) {
          return p + 2;
        }
        p = walk(b, p, limit, what, depth + 1, maxDepth, allowIndefinite, true);
      }
    }
    long len;
    if (lb < 0x80) {
      len = lb;
    } else {
      int n = lb & 0x7F;
      if (n > 4) {
        throw new BadInputException(what, start, "length field of " + n + " bytes is too long");
      }
      if (limit - p < n) {
        throw new BadInputException(what, start, "truncated length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[p++] & 0xFF);
      }
    }
    if (len > limit - p) {
      throw new BadInputException(what, start, "length " + len + " exceeds the " + (limit - p) + " bytes available");
    }
    int end = p + (int) len;
    if (first == 0 && !endOfContents) {
      throw new BadInputException(what, start, "unexpected end-of-contents");
    }
    if (constructed) {
      while (p < end) {
        p = walk(b, p, end, what, depth + 1, maxDepth, allowIndefinite, false);
      }
    }
    return end;
  }
}
