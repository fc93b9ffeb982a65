// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A strict reader of the common shape of a CMS SignedData (RFC 5652): one SignerInfo with signed
 * attributes, certificates as plain X.509 certificates. It records where each field lies in the input and
 * copies nothing, so the verifier's fast path needs no ASN.1 object model.
 *
 * <p>The envelope may be BER (indefinite lengths, the content as a constructed OCTET STRING: what
 * streaming encoders such as BouncyCastle's {@code getEncoded()} write); the SignerInfo must be DER. It
 * accepts less than the general parser: {@link #parse} returns null for anything outside that shape
 * (several signers, no signed attributes,
 * attribute certificates, an unsorted attribute SET, trailing bytes...), and the caller then takes the
 * general path, which gives the verdict and the precise failure. So this class never needs to explain a
 * rejection, and it must never accept what the general path would read differently.
 */
public final class CmsDer {
  private static final byte[] OID_SIGNED_DATA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07,
      0x02};

  /** The whole input. */
  public final byte[] der;
  /** eContentType: offset and length of the OID's content bytes. */
  private int contentTypeOff;
  /** Length of the eContentType OID's content bytes. */
  private int contentTypeLen;
  /** Whether the content is encapsulated (false: detached). */
  private boolean hasContent;
  /** The encapsulated content as {offset, length} chunks (one for DER; several for BER constructed). */
  public final List<int[]> contentChunks = new ArrayList<>(1);
  /** Each carried certificate as {offset, length} of its full encoding. */
  public final List<int[]> certificates = new ArrayList<>(2);
  /** SignerIdentifier: true for issuerAndSerialNumber, false for subjectKeyIdentifier. */
  private boolean sidIsIssuerSerial;
  /** issuerAndSerialNumber: the issuer Name's full encoding (offset, length). */
  private int sidIssuerOff;
  /** Length of the issuer Name's encoding. */
  private int sidIssuerLen;
  /** issuerAndSerialNumber: the serial INTEGER's content bytes; subjectKeyIdentifier: the key id. */
  private int sidValueOff;
  /** Length of {@link #sidValueOff}'s bytes. */
  private int sidValueLen;
  /** SignerInfo digestAlgorithm: the full AlgorithmIdentifier encoding. */
  private int digestAlgOff;
  /** Length of the digestAlgorithm encoding. */
  private int digestAlgLen;
  /** The digestAlgorithm's OID content bytes. */
  private int digestOidOff;
  /** Length of the digestAlgorithm's OID content bytes. */
  private int digestOidLen;
  /** Whether the digestAlgorithm has parameters other than absent or NULL. */
  private boolean digestAlgHasParams;
  /** signedAttrs: the full [0] IMPLICIT encoding (the signature is over it with tag SET). */
  private int signedAttrsOff;
  /** Length of the signedAttrs encoding. */
  private int signedAttrsLen;
  /** SignerInfo signatureAlgorithm: the full AlgorithmIdentifier encoding. */
  private int sigAlgOff;
  /** Length of the signatureAlgorithm encoding. */
  private int sigAlgLen;
  /** The signatureAlgorithm's OID content bytes. */
  private int sigOidOff;
  /** Length of the signatureAlgorithm's OID content bytes. */
  private int sigOidLen;
  /** Whether the signatureAlgorithm has parameters other than absent or NULL. */
  private boolean sigAlgHasParams;
  /** The signature value. */
  private int signatureOff;
  /** Length of the signature value. */
  private int signatureLen;
  /** Each signed attribute as {offset of its OID content, OID length, offset of the values SET's content, end}. */
  public final List<int[]> attributes = new ArrayList<>(4);

  private CmsDer(byte[] der) {
    this.der = der;
  }

  /**
   * Reads a SignedData of the common shape.
   *
   * @param der the ContentInfo
   * @return the field positions, or null when the input is not of that shape (the general parser decides)
   */
  public static @Nullable CmsDer parse(byte[] der) {
    try {
      CmsDer c = new CmsDer(der);
      return c.read() ? c : null;
    } catch (BadInputException | RuntimeException e) {
      return null;
    }
  }

  /** Element read by {@link #el}: tag, header start, value start, value end, element end. */
  private static final int TAG = 0;
  private static final int VALUE = 2;
  private static final int VALUE_END = 3;
  private static final int END = 4;

  /**
   * Reads a BER element header at {@code pos}; an indefinite length (constructed only) is resolved by
   * walking the children to the end-of-contents octets. Only one-byte tags.
   */
  private int[] el(int pos, int limit, int depth) throws BadInputException {
    if (depth > 32 || pos + 2 > limit) {
      throw new BadInputException("CMS", pos, "truncated or too deep");
    }
    int tag = der[pos] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new BadInputException("CMS", pos, "multi-byte tag");
    }
    int lb = der[pos + 1] & 0xFF;
    int v = pos + 2;
    if (lb == 0x80) {
      if ((tag & 0x20) == 0) {
        throw new BadInputException("CMS", pos, "indefinite primitive");
      }
      int p = v;
      while (true) {
        if (p + 2 > limit) {
          throw new BadInputException("CMS", pos, "no end-of-contents");
        }
        if (der[p] == 0 && der[p + 1] == 0) {
          return new int[] {tag, pos, v, p, p + 2};
        }
        p = el(p, limit, depth + 1)[END];
      }
    }
    long len;
    if (lb < 0x80) {
      len = lb;
    } else {
      int n = lb & 0x7F;
      if (n > 4 || v + n > limit) {
        throw new BadInputException("CMS", pos, "bad length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[v++] & 0xFF);
      }
    }
    if (len > limit - v) {
      throw new BadInputException("CMS", pos, "length beyond the data");
    }
    return new int[] {tag, pos, v, v + (int) len, v + (int) len};
  }

  /**
   * Whether every INTEGER, OBJECT IDENTIFIER, BOOLEAN and NULL in {@code [pos, end)} is well formed, as
   * the general parser requires of every field, including those the verdict does not use (a version, the
   * digestAlgorithms set): an input it refuses must not be accepted here.
   */
  private boolean primitivesWellFormed(int pos, int end, int depth) throws BadInputException {
    while (pos < end) {
      int[] e = el(pos, end, depth);
      int len = e[VALUE_END] - e[VALUE];
      int v = e[VALUE];
      switch (e[TAG]) {
        case 0x02 -> {
          if (len == 0 || (len > 1 && ((der[v] == 0 && der[v + 1] >= 0) || (der[v] == -1 && der[v + 1] < 0)))) {
            return false;
          }
        }
        case 0x06 -> {
          if (len == 0 || der[v + len - 1] < 0) {
            return false;
          }
          for (int i = 0; i < len; i++) {
            // a subidentifier starts with 0x80: not minimal
            if ((der[v + i] & 0xFF) == 0x80 && (i == 0 || der[v + i - 1] >= 0)) {
              return false;
            }
          }
        }
        case 0x01 -> {
          if (len != 1) {
            return false;
          }
        }
        case 0x05 -> {
          if (len != 0) {
            return false;
          }
        }
        default -> {
          if ((e[TAG] & 0x20) != 0 && !primitivesWellFormed(v, e[VALUE_END], depth + 1)) {
            return false;
          }
        }
      }
      pos = e[END];
    }
    return true;
  }

  /**
   * Whether {@code [pos, end)} holds only AlgorithmIdentifiers (SEQUENCE { OBJECT IDENTIFIER, ... }), as the
   * digestAlgorithms SET must (RFC 5652 §5.1). Its values do not decide the verdict, but a SignedData whose
   * set holds anything else is malformed, and the general parser refuses it (CmsDigestAlgorithmsTest).
   */
  private boolean algorithmIdentifiers(int pos, int end) throws BadInputException {
    while (pos < end) {
      int[] ai = el(pos, end, 4);
      if (ai[TAG] != 0x30 || ai[VALUE] >= ai[VALUE_END] || el(ai[VALUE], ai[VALUE_END], 5)[TAG] != 0x06) {
        return false;
      }
      pos = ai[END];
    }
    return true;
  }

  private boolean read() throws BadInputException {
    int[] ci = el(0, der.length, 0);
    if (ci[TAG] != 0x30 || ci[END] != der.length) {
      return false;
    }
    if (!primitivesWellFormed(0, der.length, 0)) {
      return false;
    }
    int[] e = el(ci[VALUE], ci[VALUE_END], 1);
    if (e[TAG] != 0x06 || !CmsDer.rangeEquals(der, e[VALUE], e[VALUE_END] - e[VALUE], OID_SIGNED_DATA, 0,
        OID_SIGNED_DATA.length)) {
      return false;
    }
    int[] wrap = el(e[END], ci[VALUE_END], 1);
    if (wrap[TAG] != 0xA0 || wrap[END] != ci[VALUE_END]) {
      return false;
    }
    int[] sd = el(wrap[VALUE], wrap[VALUE_END], 2);
    if (sd[TAG] != 0x30 || sd[END] != wrap[VALUE_END]) {
      return false;
    }
    int sdEnd = sd[VALUE_END];
    e = el(sd[VALUE], sdEnd, 3);
    if (e[TAG] != 0x02) {
      return false;
    }
    e = el(e[END], sdEnd, 3);
    if (e[TAG] != 0x31 || !algorithmIdentifiers(e[VALUE], e[VALUE_END])) {
      return false;
    }
    int[] eci = el(e[END], sdEnd, 3);
    if (eci[TAG] != 0x30) {
      return false;
    }
    e = el(eci[VALUE], eci[VALUE_END], 4);
    if (e[TAG] != 0x06) {
      return false;
    }
    contentTypeOff = e[VALUE];
    contentTypeLen = e[VALUE_END] - e[VALUE];
    if (e[END] < eci[VALUE_END]) {
      int[] ec = el(e[END], eci[VALUE_END], 4);
      if (ec[TAG] != 0xA0 || ec[END] != eci[VALUE_END]) {
        return false;
      }
      int[] os = el(ec[VALUE], ec[VALUE_END], 5);
      if (os[END] != ec[VALUE_END]) {
        return false;
      }
      if (os[TAG] == 0x04) {
        contentChunks.add(new int[] {os[VALUE], os[VALUE_END] - os[VALUE]});
      } else if (os[TAG] == 0x24) {
        // BER constructed OCTET STRING (what streaming encoders write): primitive chunks, one level
        int p = os[VALUE];
        while (p < os[VALUE_END]) {
          int[] chunk = el(p, os[VALUE_END], 6);
          if (chunk[TAG] != 0x04) {
            return false;
          }
          contentChunks.add(new int[] {chunk[VALUE], chunk[VALUE_END] - chunk[VALUE]});
          p = chunk[END];
        }
      } else {
        return false;
      }
      hasContent = true;
    }
    int[] f = el(eci[END], sdEnd, 3);
    if (f[TAG] == 0xA0) {
      int p = f[VALUE];
      while (p < f[VALUE_END]) {
        int[] cert = el(p, f[VALUE_END], 4);
        if (cert[TAG] != 0x30 || cert[VALUE_END] != cert[END]) {
          return false; // an attribute certificate or other choice, or a BER certificate
        }
        certificates.add(new int[] {cert[1], cert[END] - cert[1]});
        p = cert[END];
      }
      f = el(f[END], sdEnd, 3);
    }
    if (f[TAG] == 0xA1) {
      f = el(f[END], sdEnd, 3); // crls: not used for the verdict (revocation comes from the configured source)
    }
    if (f[TAG] != 0x31 || f[END] != sdEnd) {
      return false;
    }
    // SignerInfos: exactly one, and it must be DER from here on
    int[] si = el(f[VALUE], f[VALUE_END], 4);
    if (si[TAG] != 0x30 || si[END] != f[VALUE_END] || si[VALUE_END] != si[END]) {
      return false;
    }
    DerCursor d = new DerCursor(der, si[1], "CMS");
    d.expect(0x30, si[END], "SignerInfo");
    int siEnd = d.valueEnd();
    d.expect(0x02, siEnd, "SignerInfo version");
    d.skip();
    int t = d.header(siEnd, "sid");
    if (t == 0x30) {
      sidIsIssuerSerial = true;
      int iasEnd = d.valueEnd();
      d.expect(0x30, iasEnd, "issuer");
      sidIssuerOff = d.headerStart();
      sidIssuerLen = d.valueEnd() - d.headerStart();
      d.skip();
      d.expect(0x02, iasEnd, "serialNumber");
      sidValueOff = d.valueStart();
      sidValueLen = d.valueLength();
      d.skip();
      if (d.pos() != iasEnd) {
        return false;
      }
    } else if (t == 0x80) {
      sidIsIssuerSerial = false;
      sidValueOff = d.valueStart();
      sidValueLen = d.valueLength();
      d.skip();
    } else {
      return false;
    }
    int[] alg = algorithm(d, siEnd);
    digestAlgOff = alg[0];
    digestAlgLen = alg[1];
    digestOidOff = alg[2];
    digestOidLen = alg[3];
    digestAlgHasParams = alg[4] != 0;
    if (d.header(siEnd, "signedAttrs") != 0xA0) {
      return false;
    }
    signedAttrsOff = d.headerStart();
    signedAttrsLen = d.valueEnd() - d.headerStart();
    int attrsEnd = d.valueEnd();
    // the general parser re-encodes the attributes in DER before checking the signature: only bytes that
    // are already DER read the same both ways
    if (!derLengths(d.valueStart(), attrsEnd, 0)) {
      return false;
    }
    d.seek(signedAttrsOff);
    d.header(siEnd, "signedAttrs");
    if (!readAttributes(d, attrsEnd)) {
      return false;
    }
    alg = algorithm(d, siEnd);
    sigAlgOff = alg[0];
    sigAlgLen = alg[1];
    sigOidOff = alg[2];
    sigOidLen = alg[3];
    sigAlgHasParams = alg[4] != 0;
    d.expect(0x04, siEnd, "signature");
    signatureOff = d.valueStart();
    signatureLen = d.valueLength();
    d.skip();
    if (d.pos() < siEnd) {
      d.expect(0xA1, siEnd, "unsignedAttrs"); // not covered by the signature and not used
      d.skip();
    }
    return d.pos() == siEnd;
  }

  /** {full offset, full length, OID offset, OID length, 1 if parameters other than absent/NULL}. */
  private static int[] algorithm(DerCursor d, int limit) throws BadInputException {
    d.expect(0x30, limit, "AlgorithmIdentifier");
    int start = d.headerStart();
    int end = d.valueEnd();
    d.expect(0x06, end, "algorithm");
    int oidOff = d.valueStart();
    int oidLen = d.valueLength();
    d.skip();
    int params = 0;
    if (d.pos() < end) {
      int t = d.header(end, "parameters");
      params = t == 0x05 && d.valueLength() == 0 && d.valueEnd() == end ? 0 : 1;
      d.seek(end);
    }
    return new int[] {start, end - start, oidOff, oidLen, params};
  }

  /** Reads the SET OF Attribute; false unless its elements are in DER (sorted) order. */
  private boolean readAttributes(DerCursor d, int end) throws BadInputException {
    int prevStart = -1;
    int prevEnd = -1;
    while (d.pos() < end) {
      d.expect(0x30, end, "Attribute");
      int aStart = d.headerStart();
      int aEnd = d.valueEnd();
      d.expect(0x06, aEnd, "attrType");
      int oidOff = d.valueStart();
      int oidLen = d.valueLength();
      d.skip();
      d.expect(0x31, aEnd, "attrValues");
      int valuesOff = d.valueStart();
      if (d.valueEnd() != aEnd) {
        return false;
      }
      d.skip();
      if (prevStart >= 0 && compareDer(der, prevStart, prevEnd, aStart, aEnd) > 0) {
        return false; // not DER: the general parser decides what was signed
      }
      prevStart = aStart;
      prevEnd = aEnd;
      attributes.add(new int[] {oidOff, oidLen, valuesOff, aEnd});
    }
    return true;
  }

  /**
   * Whether every element in {@code [off, end)} has a one-byte tag, the shortest length encoding, and
   * is primitive unless it is a SEQUENCE, SET or context-specific (no BER constructed strings).
   */
  private boolean derLengths(int off, int end, int depth) throws BadInputException {
    if (depth > 16) {
      return false;
    }
    DerCursor c = new DerCursor(der, off, "CMS");
    while (c.pos() < end) {
      int t = c.header(end, "signed attribute");
      if (t > 0xFF) {
        return false;
      }
      int len = c.valueLength();
      int lengthBytes = c.valueStart() - c.headerStart() - 1;
      int minimal = len < 0x80 ? 1 : len < 0x100 ? 2 : len < 0x10000 ? 3 : len < 0x1000000 ? 4 : 5;
      if (lengthBytes != minimal) {
        return false;
      }
      if (c.constructed()) {
        boolean structure = t == 0x30 || t == 0x31 || (t & 0xC0) == 0x80;
        if (!structure || !derLengths(c.valueStart(), c.valueEnd(), depth + 1)) {
          return false;
        }
      }
      c.skip();
    }
    return true;
  }

  /** DER SET OF order (X.690 §11.6): octet strings compared with the shorter padded by zeros. */
  private static int compareDer(byte[] b, int aStart, int aEnd, int bStart, int bEnd) {
    int la = aEnd - aStart;
    int lb = bEnd - bStart;
    for (int i = 0; i < Math.max(la, lb); i++) {
      int x = i < la ? b[aStart + i] & 0xFF : 0;
      int y = i < lb ? b[bStart + i] & 0xFF : 0;
      if (x != y) {
        return x - y;
      }
    }
    return 0;
  }

  /**
   * Whether a byte range equals another.
   *
   * @param a first array
   * @param aOff offset in {@code a}
   * @param aLen length in {@code a}
   * @param b second array
   * @param bOff offset in {@code b}
   * @param bLen length in {@code b}
   * @return true if the ranges hold the same bytes
   */
  public static boolean rangeEquals(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    return java.util.Arrays.equals(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
  }
  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code contentTypeOff}
   */
  public int contentTypeOff() {
    return contentTypeOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code contentTypeLen}
   */
  public int contentTypeLen() {
    return contentTypeLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code hasContent}
   */
  public boolean hasContent() {
    return hasContent;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sidIsIssuerSerial}
   */
  public boolean sidIsIssuerSerial() {
    return sidIsIssuerSerial;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sidIssuerOff}
   */
  public int sidIssuerOff() {
    return sidIssuerOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sidIssuerLen}
   */
  public int sidIssuerLen() {
    return sidIssuerLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sidValueOff}
   */
  public int sidValueOff() {
    return sidValueOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sidValueLen}
   */
  public int sidValueLen() {
    return sidValueLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code digestAlgOff}
   */
  public int digestAlgOff() {
    return digestAlgOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code digestAlgLen}
   */
  public int digestAlgLen() {
    return digestAlgLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code digestOidOff}
   */
  public int digestOidOff() {
    return digestOidOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code digestOidLen}
   */
  public int digestOidLen() {
    return digestOidLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code digestAlgHasParams}
   */
  public boolean digestAlgHasParams() {
    return digestAlgHasParams;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code signedAttrsOff}
   */
  public int signedAttrsOff() {
    return signedAttrsOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code signedAttrsLen}
   */
  public int signedAttrsLen() {
    return signedAttrsLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sigAlgOff}
   */
  public int sigAlgOff() {
    return sigAlgOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sigAlgLen}
   */
  public int sigAlgLen() {
    return sigAlgLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sigOidOff}
   */
  public int sigOidOff() {
    return sigOidOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sigOidLen}
   */
  public int sigOidLen() {
    return sigOidLen;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code sigAlgHasParams}
   */
  public boolean sigAlgHasParams() {
    return sigAlgHasParams;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code signatureOff}
   */
  public int signatureOff() {
    return signatureOff;
  }

  /**
   * Read accessor (the reader's fields are set once by the parse and only read afterwards).
   *
   * @return {@code signatureLen}
   */
  public int signatureLen() {
    return signatureLen;
  }
}
