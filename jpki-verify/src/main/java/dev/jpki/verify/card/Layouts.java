// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.card;

import dev.jpki.verify.internal.CardKeys;
import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.DerCursor;

/**
 * Byte ranges of the signed parts of the visual AP's files, found by walking their TLVs (never fixed
 * offsets, docs/card-protocol.md §3.3). Values are read with jpki-core's {@code dev.jpki.card.CardFace} and {@code
 * AgeRecord}; this class only locates what the signatures cover.
 */
final class Layouts {
  private Layouts() {}

  /** Card face EF 0002 (docs/card-protocol.md §7.2): raw TLV ranges of DF22..DF27 and the DF28 signature value. */
  static final class Face {
    final int[] tlvStart = new int[6];
    final int[] tlvEnd = new int[6];
    int signatureStart;
    int signatureEnd;
  }

  /** Age record EF 0001 (docs/card-protocol.md §7.4): the signed range (DF11‖DF12) and the DF13 signature value. */
  static final class Age {
    int signedStart;
    int signedEnd;
    int signatureStart;
    int signatureEnd;
  }

  static Face face(byte[] ef0002) throws BadInputException {
    DerCursor c = new DerCursor(ef0002, 0, "card face");
    c.expect(0xFF20, ef0002.length, "card face");
    int end = c.valueEnd();
    c.expect(0xDF21, end, "offset table");
    c.skip();
    Face f = new Face();
    int[] tags = {0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27};
    String[] names = {"date of birth", "sex", "card key", "name image", "address image", "photo"};
    for (int i = 0; i < 6; i++) {
      c.expect(tags[i], end, names[i]);
      f.tlvStart[i] = c.headerStart();
      f.tlvEnd[i] = c.valueEnd();
      c.skip();
    }
    c.expect(0xDF28, end, "signature");
    f.signatureStart = c.valueStart();
    f.signatureEnd = c.valueEnd();
    return f;
  }

  static Age age(byte[] ef0001) throws BadInputException {
    DerCursor c = new DerCursor(ef0001, 0, "age record");
    c.expect(0xFF10, ef0001.length, "record");
    int end = c.valueEnd();
    Age a = new Age();
    a.signedStart = c.pos();
    c.expect(0xDF11, end, "date of birth");
    if (c.valueLength() != 8) {
      throw c.bad("date of birth", c.headerStart(), "expected YYYYMMDD");
    }
    c.skip();
    c.expect(0xDF12, end, "card key");
    CardKeys.parseRsa(ef0001, c.valueStart(), c.valueEnd(), "age record card key");
    c.skip();
    a.signedEnd = c.pos();
    c.expect(0xDF13, end, "signature");
    a.signatureStart = c.valueStart();
    a.signatureEnd = c.valueEnd();
    return a;
  }
}
