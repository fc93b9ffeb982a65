// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import dev.jpki.card.HashAlgorithm;
import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.DerCursor;
import dev.jpki.verify.internal.DerStructure;
import dev.jpki.verify.internal.DerTime;
import dev.jpki.verify.internal.Oids;
import dev.jpki.verify.internal.Pem;
import dev.jpki.verify.internal.Pkcs1;
import dev.jpki.verify.internal.X509Ext;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.jspecify.annotations.Nullable;

/**
 * A compact, immutable index of one X.509 CRL, built by a streaming DER walk over its
 * revokedCertificates without creating an object per entry.
 *
 * <p>Serial numbers are stored as their DER INTEGER content bytes, packed into one sorted byte array
 * per serial length, with the reason codes in a parallel byte array; lookup is a binary search that
 * allocates nothing. A CRL of n entries with k-byte serials takes about n·(k+1.25) bytes. Revocation dates
 * are not kept: a listed serial counts as revoked whatever its revocation date (check a past time
 * against the CRL current at that time).
 *
 * <p>The CRL signature is checked with {@link #verifySignature(PublicKey)}: the tbsCertList digest is
 * computed once while parsing, so the signature can be checked against a candidate issuer later without
 * keeping the CRL bytes (J-LIS roots of one type share a DN, so the issuer is found by signature).
 * Delta CRLs, indirect CRLs and unknown critical extensions are refused (RFC 5280 §5.2, §5.3).
 *
 * <p>Thread-safe.
 */
public final class CrlIndex {
  /** Longest serial accepted (RFC 5280 allows 20 octets; a margin for non-conforming issuers). */
  public static final int MAX_SERIAL_BYTES = 64;
  /** Returned by {@link #lookup(byte[])} for a serial that is not listed. */
  public static final int NOT_REVOKED = -1;

  private static final byte[] OID_REASON_CODE = {0x55, 0x1D, 0x15};
  private static final byte[] OID_INVALIDITY_DATE = {0x55, 0x1D, 0x18};
  private static final byte[] OID_CERTIFICATE_ISSUER = {0x55, 0x1D, 0x1D};
  private static final byte[] OID_AKI = {0x55, 0x1D, 0x23};
  private static final byte[] OID_CRL_NUMBER = {0x55, 0x1D, 0x14};
  private static final byte[] OID_IDP = {0x55, 0x1D, 0x1C};
  private static final byte[] OID_DELTA = {0x55, 0x1D, 0x1B};
  private static final byte[] OID_FRESHEST = {0x55, 0x1D, 0x2E};
  private static final byte[] OID_ISSUER_ALT_NAME = {0x55, 0x1D, 0x12};
  private static final byte[] OID_AIA = {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01};

  // serials[len] = packed sorted serials of that content length; reasons[len][i] = reason code
  private final byte[][] serials;
  private final byte[][] reasons;
  // samples[len][j] = serial number j·SAMPLE_EVERY of serials[len] as an unsigned number (len <= 8 only):
  // a first binary search over these (a few KB, cache-resident) picks a block of SAMPLE_EVERY serials, so a
  // lookup in a million entries touches two or three cache lines of the big array instead of about twenty
  private final long[] @Nullable [] samples;
  private final int size;
  private final Instant thisUpdate;
  private final @Nullable Instant nextUpdate;
  private final byte[] issuerName;
  private final byte @Nullable [] authorityKeyId;
  private final @Nullable BigInteger crlNumber;
  private final String signatureAlgorithm;
  private final byte[] tbsDigest;
  private final byte[] signature;
  private final @Nullable IssuingDistributionPoint scope;
  private volatile @Nullable PublicKey verifiedKey;

  private CrlIndex(Parser p) {
    this.serials = p.serials;
    this.reasons = p.reasons;
    this.samples = samplesOf(p.serials);
    this.size = p.size;
    this.thisUpdate = p.thisUpdate;
    this.nextUpdate = p.nextUpdate;
    this.issuerName = p.issuerName;
    this.authorityKeyId = p.authorityKeyId;
    this.crlNumber = p.crlNumber;
    this.signatureAlgorithm = p.sigAlg;
    this.tbsDigest = p.tbsDigest;
    this.signature = p.signature;
    this.scope = p.scope;
  }

  /**
   * Parses a CRL.
   *
   * @param derOrPem DER bytes, or PEM with an {@code X509 CRL} block
   * @return the index (signature not yet checked)
   * @throws BadInputException if the CRL is malformed, uses an unsupported algorithm, is a delta or
   *     indirect CRL, or has an unsupported critical extension
   */
  public static CrlIndex parse(byte[] derOrPem) throws BadInputException {
    byte[] der = Pem.toDer(derOrPem, "CRL", "X509 CRL", "CRL");
    return new CrlIndex(new Parser(der).run());
  }

  /**
   * Reads and parses a CRL file.
   *
   * @param file DER or PEM file
   * @param maxBytes largest file accepted
   * @return the index
   * @throws IOException if the file cannot be read
   * @throws BadInputException if it is larger than {@code maxBytes} or not a usable CRL
   */
  public static CrlIndex read(Path file, long maxBytes) throws IOException, BadInputException {
    long n = Files.size(file);
    if (n > maxBytes || n > Integer.MAX_VALUE - 16) {
      throw new BadInputException("CRL file", -1, n + " bytes is larger than the limit of " + maxBytes);
    }
    return parse(Files.readAllBytes(file));
  }

  /**
   * Looks up a serial number without allocating: the fast path for a server that has the serial's
   * bytes (from the certificate's DER, a database, or {@link BigInteger#toByteArray()} kept from an
   * earlier parse).
   *
   * @param serial the serial as two's-complement big-endian bytes (the DER INTEGER content octets);
   *     redundant leading bytes are ignored
   * @return {@link #NOT_REVOKED}, or the RFC 5280 reason code (0 when the entry has none)
   */
  public int lookup(byte[] serial) {
    return lookup(serial, 0, serial.length);
  }

  /**
   * Looks up a serial number without allocating.
   *
   * @param serial the serial as two's-complement big-endian bytes (e.g. {@link BigInteger#toByteArray()});
   *     redundant leading bytes are ignored
   * @param off first byte
   * @param len number of bytes
   * @return {@link #NOT_REVOKED}, or the RFC 5280 reason code (0 when the entry has none)
   */
  int lookup(byte[] serial, int off, int len) {
    while (len > 1 && ((serial[off] == 0 && serial[off + 1] >= 0) || (serial[off] == -1 && serial[off + 1] < 0))) {
      off++;
      len--;
    }
    if (len < 1 || len > MAX_SERIAL_BYTES) {
      return NOT_REVOKED;
    }
    byte[] keys = serials[len];
    if (keys == null) {
      return NOT_REVOKED;
    }
    long[] sample = samples[len];
    if (sample != null) {
      return lookupShort(keys, sample, reasons[len], len, unsigned(serial, off, len));
    }
    int lo = 0;
    int hi = keys.length / len - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(keys, mid * len, serial, off, len);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return reasons[len][mid];
      }
    }
    return NOT_REVOKED;
  }

  /** Serials of up to 8 bytes: sampled search, then a search within one block, comparing longs. */
  private static int lookupShort(byte[] keys, long[] sample, byte[] reasons, int len, long probe) {
    // last sample <= probe
    int lo = 0;
    int hi = sample.length - 1;
    if (Long.compareUnsigned(sample[0], probe) > 0) {
      return NOT_REVOKED;
    }
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (Long.compareUnsigned(sample[mid], probe) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int first = lo * SAMPLE_EVERY;
    int last = Math.min(keys.length / len, first + SAMPLE_EVERY) - 1;
    while (first <= last) {
      int mid = (first + last) >>> 1;
      int c = Long.compareUnsigned(keyAt(keys, mid, len), probe);
      if (c < 0) {
        first = mid + 1;
      } else if (c > 0) {
        last = mid - 1;
      } else {
        return reasons[mid];
      }
    }
    return NOT_REVOKED;
  }

  private static final int SAMPLE_EVERY = 32;
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Serial i of a packed array of len-byte serials as an unsigned number. */
  private static long keyAt(byte[] keys, int i, int len) {
    int o = i * len;
    if (len == 8) {
      return (long) LONG_BE.get(keys, o);
    }
    return unsigned(keys, o, len);
  }

  private static long unsigned(byte[] b, int off, int len) {
    long v = 0;
    for (int i = 0; i < len; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  private static long[] @Nullable [] samplesOf(byte[][] serials) {
    long[][] out = new long[serials.length][];
    for (int len = 1; len < serials.length && len <= 8; len++) {
      byte[] keys = serials[len];
      if (keys == null || keys.length == 0) {
        continue;
      }
      int n = keys.length / len;
      long[] sample = new long[(n + SAMPLE_EVERY - 1) / SAMPLE_EVERY];
      for (int j = 0; j < sample.length; j++) {
        sample[j] = keyAt(keys, j * SAMPLE_EVERY, len);
      }
      out[len] = sample;
    }
    return out;
  }

  /**
   * Looks up a serial number.
   *
   * @param serial the certificate serial number
   * @return the reason if listed ({@link RevocationReason#UNSPECIFIED} when the entry has no reason
   *     code), empty if not listed
   */
  public Optional<RevocationReason> revocationReason(BigInteger serial) {
    byte[] b = serial.toByteArray();
    int r = lookup(b, 0, b.length);
    if (r == NOT_REVOKED) {
      return Optional.empty();
    }
    return Optional.of(RevocationReason.ofCode(r).orElse(RevocationReason.UNSPECIFIED));
  }

  /**
   * Whether a serial is listed.
   *
   * @param serial the certificate serial number
   * @return true if the CRL lists it
   */
  boolean contains(BigInteger serial) {
    byte[] b = serial.toByteArray();
    return lookup(b, 0, b.length) != NOT_REVOKED;
  }

  /** The key {@link #verifySignature} last accepted, or null if none has been. */
  @Nullable PublicKey verifiedKeyOrNull() {
    return verifiedKey;
  }

  /**
   * Checks the CRL signature with a candidate issuer key. The result for the last key that verified is
   * remembered, so repeated checks with the same issuer cost a reference comparison.
   *
   * @param issuerKey the issuer's public key
   * @return true if the CRL was signed with that key
   */
  public boolean verifySignature(PublicKey issuerKey) {
    PublicKey last = verifiedKey;
    if (last != null && (last == issuerKey || last.equals(issuerKey))) {
      return true;
    }
    boolean ok;
    HashAlgorithm d = digestOf(signatureAlgorithm);
    if (signatureAlgorithm.startsWith("1.2.840.113549.1.1.")) {
      ok = d != null && Pkcs1.verifyDigestInfo(signature, issuerKey, d.digestInfo(tbsDigest));
    } else {
      try {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initVerify(issuerKey);
        s.update(tbsDigest);
        ok = s.verify(signature);
      } catch (GeneralSecurityException | RuntimeException e) {
        ok = false;
      }
    }
    if (ok) {
      verifiedKey = issuerKey;
    }
    return ok;
  }

  /**
   * Whether this CRL's scope (its issuing distribution point, RFC 5280 §5.2.5) covers a certificate.
   * A CRL without that extension covers every certificate of its issuer. JPKI CRLs may be partitioned
   * per municipality (docs/card-protocol.md §9.2, UNCONFIRMED), so a partition must not answer for another's
   * certificates.
   *
   * @param cert the certificate
   * @return true if an absent serial means "not revoked" for this certificate
   */
  boolean covers(X509Certificate cert) {
    IssuingDistributionPoint idp = scope;
    if (idp == null) {
      return true;
    }
    if (idp.onlyContainsAttributeCerts() || idp.getOnlySomeReasons() != null) {
      return false;
    }
    boolean ca = cert.getBasicConstraints() >= 0;
    if ((idp.onlyContainsCACerts() && !ca) || (idp.onlyContainsUserCerts() && ca)) {
      return false;
    }
    DistributionPointName want = idp.getDistributionPoint();
    if (want == null) {
      return true;
    }
    CRLDistPoint dps = X509Ext.crlDistributionPoints(cert);
    if (dps == null) {
      return false;
    }
    try {
      for (DistributionPoint dp : dps.getDistributionPoints()) {
        DistributionPointName have = dp.getDistributionPoint();
        if (have == null) {
          continue;
        }
        if (have.getType() != want.getType()) {
          continue;
        }
        if (have.getType() == DistributionPointName.NAME_RELATIVE_TO_CRL_ISSUER) {
          if (have.equals(want)) {
            return true;
          }
          continue;
        }
        for (GeneralName a : GeneralNames.getInstance(have.getName()).getNames()) {
          for (GeneralName b : GeneralNames.getInstance(want.getName()).getNames()) {
            if (a.equals(b)) {
              return true;
            }
          }
        }
      }
    } catch (RuntimeException e) {
      return false;
    }
    return false;
  }

  /**
   * Returns the number of distinct listed serials.
   *
   * @return entry count
   */
  public int size() {
    return size;
  }

  /**
   * Returns the bytes used to store serials and reason codes (the payload of the index).
   *
   * @return bytes of packed serials, one reason byte per entry, and the lookup samples (8 bytes per 32
   *     entries)
   */
  public long storageBytes() {
    long n = 0;
    for (int i = 1; i <= MAX_SERIAL_BYTES; i++) {
      if (serials[i] != null) {
        n += serials[i].length + reasons[i].length;
      }
      long[] sample = samples[i];
      if (sample != null) {
        n += 8L * sample.length;
      }
    }
    return n;
  }

  /**
   * Returns thisUpdate.
   *
   * @return when the CRL was issued
   */
  public Instant thisUpdate() {
    return thisUpdate;
  }

  /**
   * Returns nextUpdate.
   *
   * @return when the next CRL is due; empty if the CRL has none
   */
  public Optional<Instant> nextUpdate() {
    return Optional.ofNullable(nextUpdate);
  }

  /**
   * Whether the CRL is current at {@code at}, i.e. {@code at} is not past its nextUpdate. A CRL without
   * nextUpdate is current for {@code maxAgeWithoutNextUpdate} after thisUpdate.
   *
   * @param at the time of the check
   * @param maxAgeWithoutNextUpdate how long a CRL without nextUpdate is trusted
   * @return true if fresh
   */
  boolean isFresh(Instant at, java.time.Duration maxAgeWithoutNextUpdate) {
    Instant nu = nextUpdate;
    Instant end = nu != null ? nu : thisUpdate.plus(maxAgeWithoutNextUpdate);
    return !at.isAfter(end);
  }

  /**
   * Returns the issuer name.
   *
   * @return the CRL issuer DN
   */
  public X500Principal issuer() {
    return new X500Principal(issuerName);
  }

  /**
   * Whether the CRL issuer name equals a certificate's issuer name (DER comparison after
   * canonicalisation by {@link X500Principal}).
   *
   * @param cert the certificate
   * @return true when the names match
   */
  boolean issuerMatches(X509Certificate cert) {
    return Arrays.equals(issuerName, cert.getIssuerX500Principal().getEncoded())
        || issuer().equals(cert.getIssuerX500Principal());
  }

  /**
   * Returns the authority key identifier.
   *
   * @return the keyIdentifier of the CRL's AKI extension, if present
   */
  Optional<byte[]> authorityKeyIdentifier() {
    byte[] a = authorityKeyId;
    return a == null ? Optional.empty() : Optional.of(a.clone());
  }

  /**
   * Returns the CRL number.
   *
   * @return the cRLNumber extension value, if present
   */
  public Optional<BigInteger> crlNumber() {
    return Optional.ofNullable(crlNumber);
  }

  /**
   * Returns the signature algorithm.
   *
   * @return dotted OID
   */
  String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  @Override
  public String toString() {
    return "CrlIndex[entries=" + size + ", thisUpdate=" + thisUpdate + ", nextUpdate=" + nextUpdate + "]";
  }

  byte @Nullable [] authorityKeyIdOrNull() {
    return authorityKeyId;
  }

  private static int compare(byte[] a, int ao, byte[] b, int bo, int len) {
    return RecordSort.compare(a, ao, b, bo, len);
  }

  private static @Nullable HashAlgorithm digestOf(String sigAlg) {
    return switch (sigAlg) {
      case "1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2" -> HashAlgorithm.SHA256;
      case "1.2.840.113549.1.1.12", "1.2.840.10045.4.3.3" -> HashAlgorithm.SHA384;
      case "1.2.840.113549.1.1.13", "1.2.840.10045.4.3.4" -> HashAlgorithm.SHA512;
      default -> null;
    };
  }

  /** One-shot parser; fields become the index. */
  private static final class Parser {
    private final byte[] der;
    private final DerCursor c;
    byte[][] serials = new byte[MAX_SERIAL_BYTES + 1][];
    byte[][] reasons = new byte[MAX_SERIAL_BYTES + 1][];
    int size;
    Instant thisUpdate = Instant.EPOCH;
    @Nullable Instant nextUpdate;
    byte[] issuerName = new byte[0];
    byte @Nullable [] authorityKeyId;
    @Nullable BigInteger crlNumber;
    String sigAlg = "";
    byte[] tbsDigest = new byte[0];
    byte[] signature = new byte[0];
    @Nullable IssuingDistributionPoint scope;

    Parser(byte[] der) {
      this.der = der;
      this.c = new DerCursor(der, 0, "CRL");
    }

    Parser run() throws BadInputException {
      c.expect(0x30, der.length, "CertificateList");
      int listEnd = c.valueEnd();
      if (listEnd != der.length) {
        throw c.bad("CertificateList", listEnd, (der.length - listEnd) + " trailing bytes");
      }
      c.expect(0x30, listEnd, "tbsCertList");
      int tbsStart = c.headerStart();
      int tbsEnd = c.valueEnd();
      if (c.pos() < tbsEnd && (der[c.pos()] & 0xFF) == 0x02) {
        c.header(tbsEnd, "version");
        if (c.valueLength() != 1 || der[c.valueStart()] != 1) {
          throw c.bad("version", c.headerStart(), "only v2 (1) is supported when a version is present");
        }
        c.skip();
      }
      c.expect(0x30, tbsEnd, "signature");
      int innerAlgStart = c.headerStart();
      int innerAlgEnd = c.valueEnd();
      c.skip();
      c.expect(0x30, tbsEnd, "issuer");
      issuerName = Arrays.copyOfRange(der, c.headerStart(), c.valueEnd());
      c.skip();
      int t = c.header(tbsEnd, "thisUpdate");
      thisUpdate = DerTime.parse(der, c.valueStart(), c.valueLength(), t, "CRL thisUpdate");
      c.skip();
      int revStart = -1;
      int revEnd = -1;
      if (c.pos() < tbsEnd) {
        int tag = der[c.pos()] & 0xFF;
        if (tag == DerTime.UTC_TIME || tag == DerTime.GENERALIZED_TIME) {
          c.header(tbsEnd, "nextUpdate");
          nextUpdate = DerTime.parse(der, c.valueStart(), c.valueLength(), tag, "CRL nextUpdate");
          c.skip();
        }
      }
      if (c.pos() < tbsEnd && (der[c.pos()] & 0xFF) == 0x30) {
        c.header(tbsEnd, "revokedCertificates");
        revStart = c.valueStart();
        revEnd = c.valueEnd();
        c.skip();
      }
      if (c.pos() < tbsEnd && (der[c.pos()] & 0xFF) == 0xA0) {
        c.header(tbsEnd, "crlExtensions");
        int extEnd = c.valueEnd();
        c.expect(0x30, extEnd, "crlExtensions");
        crlExtensions(c.valueEnd());
        c.seek(extEnd);
      }
      if (c.pos() != tbsEnd) {
        throw c.bad("tbsCertList", c.pos(), "unexpected element");
      }
      c.expect(0x30, listEnd, "signatureAlgorithm");
      int outerAlgStart = c.headerStart();
      int outerAlgEnd = c.valueEnd();
      if (outerAlgEnd - outerAlgStart != innerAlgEnd - innerAlgStart
          || !Arrays.equals(der, outerAlgStart, outerAlgEnd, der, innerAlgStart, innerAlgEnd)) {
        throw c.bad("signatureAlgorithm", outerAlgStart, "differs from the signature field of tbsCertList");
      }
      c.expect(0x06, outerAlgEnd, "signatureAlgorithm OID");
      sigAlg = Oids.toDotted(der, c.valueStart(), c.valueLength());
      HashAlgorithm digest = digestOf(sigAlg);
      if (digest == null) {
        throw c.bad("signatureAlgorithm", outerAlgStart, "unsupported algorithm " + sigAlg);
      }
      c.seek(outerAlgEnd);
      c.expect(0x03, listEnd, "signatureValue");
      if (c.valueLength() < 2 || der[c.valueStart()] != 0) {
        throw c.bad("signatureValue", c.headerStart(), "BIT STRING must have 0 unused bits and content");
      }
      signature = Arrays.copyOfRange(der, c.valueStart() + 1, c.valueEnd());
      if (c.valueEnd() != listEnd) {
        throw c.bad("CertificateList", c.valueEnd(), "unexpected element after signatureValue");
      }
      MessageDigest md = Pkcs1.newMessageDigest(digest);
      md.update(der, tbsStart, tbsEnd - tbsStart);
      tbsDigest = md.digest();
      if (revStart >= 0) {
        entries(revStart, revEnd);
      }
      return this;
    }

    /** Two passes over revokedCertificates: count per serial length, then fill and sort. */
    private void entries(int start, int end) throws BadInputException {
      int[] counts = new int[MAX_SERIAL_BYTES + 1];
      int p = start;
      while (p < end) {
        c.seek(p);
        c.expect(0x30, end, "revoked entry");
        int entryEnd = c.valueEnd();
        c.expect(0x02, entryEnd, "entry serial");
        counts[normalizedLength(c.valueStart(), c.valueLength(), c.headerStart())]++;
        p = entryEnd;
      }
      int[] fill = new int[MAX_SERIAL_BYTES + 1];
      for (int len = 1; len <= MAX_SERIAL_BYTES; len++) {
        if (counts[len] > 0) {
          serials[len] = new byte[counts[len] * len];
          reasons[len] = new byte[counts[len]];
        }
      }
      p = start;
      while (p < end) {
        c.seek(p);
        c.expect(0x30, end, "revoked entry");
        int entryEnd = c.valueEnd();
        c.expect(0x02, entryEnd, "entry serial");
        int len = normalizedLength(c.valueStart(), c.valueLength(), c.headerStart());
        int from = c.valueEnd() - len;
        int i = fill[len]++;
        System.arraycopy(der, from, serials[len], i * len, len);
        c.skip();
        int t = c.header(entryEnd, "revocationDate");
        if (t != DerTime.UTC_TIME && t != DerTime.GENERALIZED_TIME) {
          throw c.bad("revocationDate", c.headerStart(), "not a time");
        }
        c.skip();
        int reason = 0;
        if (c.pos() < entryEnd) {
          c.expect(0x30, entryEnd, "crlEntryExtensions");
          reason = entryExtensions(c.valueEnd());
        }
        if (c.pos() != entryEnd) {
          throw c.bad("revoked entry", c.pos(), "unexpected element");
        }
        reasons[len][i] = (byte) reason;
        p = entryEnd;
      }
      for (int len = 1; len <= MAX_SERIAL_BYTES; len++) {
        if (counts[len] > 0) {
          int n = sortAndDedupe(len, counts[len]);
          if (n != counts[len]) {
            serials[len] = Arrays.copyOf(serials[len], n * len);
            reasons[len] = Arrays.copyOf(reasons[len], n);
          }
          size += n;
        }
      }
    }

    private int normalizedLength(int off, int len, int at) throws BadInputException {
      if (len == 0) {
        throw c.bad("entry serial", at, "empty INTEGER");
      }
      while (len > 1 && ((der[off] == 0 && der[off + 1] >= 0) || (der[off] == -1 && der[off + 1] < 0))) {
        off++;
        len--;
      }
      if (len > MAX_SERIAL_BYTES) {
        throw c.bad("entry serial", at, "serial of " + len + " bytes exceeds " + MAX_SERIAL_BYTES);
      }
      return len;
    }

    /** Reads entry extensions at c.pos(); returns the reason code. */
    private int entryExtensions(int end) throws BadInputException {
      int reason = 0;
      while (c.pos() < end) {
        c.expect(0x30, end, "entry extension");
        int extEnd = c.valueEnd();
        c.expect(0x06, extEnd, "entry extension id");
        int oidStart = c.valueStart();
        int oidLen = c.valueLength();
        c.skip();
        boolean critical = critical(extEnd);
        c.expect(0x04, extEnd, "entry extension value");
        int vEnd = c.valueEnd();
        if (oidIs(oidStart, oidLen, OID_REASON_CODE)) {
          c.expect(0x0A, vEnd, "reasonCode");
          if (c.valueLength() != 1) {
            throw c.bad("reasonCode", c.headerStart(), "ENUMERATED of " + c.valueLength() + " bytes");
          }
          reason = der[c.valueStart()];
          if (reason < 0 || reason > 10 || reason == 7) {
            throw c.bad("reasonCode", c.headerStart(), "unassigned reason " + reason);
          }
        } else if (oidIs(oidStart, oidLen, OID_CERTIFICATE_ISSUER)) {
          throw c.bad("certificateIssuer", c.headerStart(), "indirect CRL entries are not supported");
        } else if (critical && !oidIs(oidStart, oidLen, OID_INVALIDITY_DATE)) {
          throw c.bad("entry extension", c.headerStart(), "unsupported critical extension "
              + Oids.toDotted(der, oidStart, oidLen));
        }
        c.seek(vEnd);
        if (c.pos() != extEnd) {
          throw c.bad("entry extension", c.pos(), "unexpected element");
        }
      }
      return reason;
    }

    private boolean critical(int extEnd) throws BadInputException {
      if (c.pos() < extEnd && der[c.pos()] == 0x01) {
        c.header(extEnd, "extension critical flag");
        if (c.valueLength() != 1) {
          throw c.bad("extension critical flag", c.headerStart(), "BOOLEAN of " + c.valueLength() + " bytes");
        }
        boolean v = der[c.valueStart()] != 0;
        c.skip();
        return v;
      }
      return false;
    }

    private void crlExtensions(int end) throws BadInputException {
      while (c.pos() < end) {
        c.expect(0x30, end, "CRL extension");
        int extEnd = c.valueEnd();
        c.expect(0x06, extEnd, "CRL extension id");
        int oidStart = c.valueStart();
        int oidLen = c.valueLength();
        c.skip();
        boolean critical = critical(extEnd);
        c.expect(0x04, extEnd, "CRL extension value");
        int vStart = c.valueStart();
        int vEnd = c.valueEnd();
        if (oidIs(oidStart, oidLen, OID_AKI)) {
          c.expect(0x30, vEnd, "authorityKeyIdentifier");
          int akiEnd = c.valueEnd();
          if (c.pos() < akiEnd && (der[c.pos()] & 0xFF) == 0x80) {
            c.header(akiEnd, "keyIdentifier");
            authorityKeyId = Arrays.copyOfRange(der, c.valueStart(), c.valueEnd());
          }
        } else if (oidIs(oidStart, oidLen, OID_CRL_NUMBER)) {
          c.expect(0x02, vEnd, "cRLNumber");
          if (c.valueLength() < 1 || c.valueLength() > 21) {
            throw c.bad("cRLNumber", c.headerStart(), "INTEGER of " + c.valueLength() + " bytes");
          }
          crlNumber = new BigInteger(Arrays.copyOfRange(der, c.valueStart(), c.valueEnd()));
        } else if (oidIs(oidStart, oidLen, OID_DELTA)) {
          throw c.bad("deltaCRLIndicator", oidStart, "delta CRLs are not supported");
        } else if (oidIs(oidStart, oidLen, OID_IDP)) {
          byte[] v = Arrays.copyOfRange(der, vStart, vEnd);
          DerStructure.check(v, "CRL issuingDistributionPoint", DerStructure.DEFAULT_MAX_DEPTH, false);
          try {
            scope = IssuingDistributionPoint.getInstance(ASN1Primitive.fromByteArray(v));
          } catch (IOException | RuntimeException e) {
            throw new BadInputException("CRL issuingDistributionPoint", vStart, "malformed", e);
          }
          if (scope.isIndirectCRL()) {
            throw c.bad("issuingDistributionPoint", vStart, "indirect CRLs are not supported");
          }
        } else if (critical && !oidIs(oidStart, oidLen, OID_FRESHEST)
            && !oidIs(oidStart, oidLen, OID_ISSUER_ALT_NAME) && !oidIs(oidStart, oidLen, OID_AIA)) {
          throw c.bad("CRL extension", oidStart, "unsupported critical extension "
              + Oids.toDotted(der, oidStart, oidLen));
        }
        c.seek(vEnd);
        if (c.pos() != extEnd) {
          throw c.bad("CRL extension", c.pos(), "unexpected element");
        }
      }
    }

    private boolean oidIs(int off, int len, byte[] oid) {
      return len == oid.length && Arrays.equals(der, off, off + len, oid, 0, len);
    }

    /**
     * Of two reason codes listed for one serial, the one to keep: a compromise (keyCompromise,
     * cACompromise, aACompromise) over any other reason, any final reason over certificateHold, and hold
     * over removeFromCRL, so a hold can never mask a compromise whatever the order of the entries
     * (SECURITY.md, JPKI-2026-010). Ties keep the smaller code, for a result independent of order.
     */
    private static byte moreSevere(byte a, byte b) {
      int ra = severity(a & 0xFF);
      int rb = severity(b & 0xFF);
      if (ra != rb) {
        return ra > rb ? a : b;
      }
      return (a & 0xFF) <= (b & 0xFF) ? a : b;
    }

    private static int severity(int code) {
      return switch (code) {
        case 1, 2, 10 -> 3; // key, CA or AA compromise
        case 6 -> 1; // certificateHold: may be released
        case 8 -> 0; // removeFromCRL (delta CRLs only, refused anyway)
        default -> 2; // unspecified, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn
      };
    }

    /** Sorts bucket {@code len} (n records) with its reasons and merges duplicate serials (most severe). */
    private int sortAndDedupe(int len, int n) {
      byte[] keys = serials[len];
      byte[] rs = reasons[len];
      if (RecordSort.isStrictlyAscending(keys, len, n)) {
        return n; // already sorted, no duplicates (the usual CA output)
      }
      if (len <= 7) {
        // pack key and reason into one long; flipping the sign bit makes signed order unsigned order
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
          long k = 0;
          int base = i * len;
          for (int j = 0; j < len; j++) {
            k = (k << 8) | (keys[base + j] & 0xFF);
          }
          packed[i] = ((k << 8) | (rs[i] & 0xFF)) ^ Long.MIN_VALUE;
        }
        Arrays.sort(packed);
        int out = 0;
        long prevKey = 0;
        for (int i = 0; i < n; i++) {
          long v = packed[i] ^ Long.MIN_VALUE;
          long k = v >>> 8;
          if (out > 0 && k == prevKey) {
            rs[out - 1] = moreSevere(rs[out - 1], (byte) v);
            continue;
          }
          prevKey = k;
          int base = out * len;
          for (int j = len - 1; j >= 0; j--) {
            keys[base + j] = (byte) k;
            k >>>= 8;
          }
          rs[out++] = (byte) v;
        }
        return out;
      }
      RecordSort.sort(keys, rs, len, n);
      int out = 0;
      for (int i = 0; i < n; i++) {
        if (out > 0 && compare(keys, (out - 1) * len, keys, i * len, len) == 0) {
          rs[out - 1] = moreSevere(rs[out - 1], rs[i]);
          continue;
        }
        if (out != i) {
          System.arraycopy(keys, i * len, keys, out * len, len);
          rs[out] = rs[i];
        }
        out++;
      }
      return out;
    }
  }
}
