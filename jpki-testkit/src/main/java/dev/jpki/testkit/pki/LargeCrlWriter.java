// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.KeyType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Streams a DER CRL with up to billions of entries for benchmarks, in constant memory: it computes
 * every length up front, then writes the TBSCertList straight to the output while feeding the
 * signature. BouncyCastle's builder keeps every entry as an object (hundreds of bytes each), which
 * does not scale to the several-million-entry CRLs a JPKI verifier must handle (docs/design.md,
 * performance model). Start with {@link TestPki#largeCrl(KeyType)}. Not thread-safe.
 *
 * <p>Generated entry {@code i} has serial {@link #serialAt(long) 0x1000000000000000 + i} (8 content
 * bytes, so every entry has the same size), the revocation date set by {@link #revocationDate(Instant)}
 * and, with reasons on (the default), a reasonCode cycling through none, affiliationChanged,
 * superseded, keyCompromise, cessationOfOperation and certificateHold. Extra entries ({@link
 * #extra(Collection)}, e.g. the standard entries so persona {@code revoked} shows as revoked) come
 * first. The CRL carries authorityKeyIdentifier and cRLNumber like {@link CrlBuilder}.
 */
public final class LargeCrlWriter {
  /** First generated serial; 0x10 keeps the 8-byte INTEGER minimal and positive. */
  public static final long FIRST_GENERATED_SERIAL = 0x1000_0000_0000_0000L;

  private static final byte[] SHA256_RSA_ALG_ID = {
    0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B,
    0x05, 0x00
  };

  private static final CRLReason[] CYCLE = {
    CRLReason.UNSPECIFIED,
    CRLReason.AFFILIATION_CHANGED,
    CRLReason.SUPERSEDED,
    CRLReason.KEY_COMPROMISE,
    CRLReason.CESSATION_OF_OPERATION,
    CRLReason.CERTIFICATE_HOLD
  };

  private static final int ENTRY_PLAIN = 27;
  private static final int ENTRY_WITH_REASON = 41;

  private final TestPki pki;
  private final KeyType type;
  private long count;
  private boolean reasons = true;
  private Instant revocationDate = TestPki.jst(2025, 1, 1, 10, 0, 0);
  private Instant thisUpdate = TestPki.REFERENCE_TIME.minus(Duration.ofHours(1));
  private Instant nextUpdate = TestPki.REFERENCE_TIME.plus(Duration.ofHours(23));
  private BigInteger crlNumber = BigInteger.ONE;
  private final List<CrlEntry> extra = new ArrayList<>();
  private boolean foreignSigner;

  LargeCrlWriter(TestPki pki, KeyType type) {
    this.pki = pki;
    this.type = type;
  }

  /**
   * Number of generated entries.
   *
   * @param count 0 or more
   * @return this writer
   */
  public LargeCrlWriter entries(long count) {
    if (count < 0 || count > 0x0FFF_FFFF_FFFF_FFFFL) {
      throw new IllegalArgumentException("entry count out of range: " + count);
    }
    this.count = count;
    return this;
  }

  /**
   * Whether generated entries carry reason codes (default true).
   *
   * @param on true for the reason cycle, false for entries without extensions
   * @return this writer
   */
  public LargeCrlWriter reasons(boolean on) {
    this.reasons = on;
    return this;
  }

  /**
   * Revocation date of the generated entries (default 2025-01-01 10:00 JST).
   *
   * @param date a date in 1950..2049 (UTCTime)
   * @return this writer
   */
  public LargeCrlWriter revocationDate(Instant date) {
    utcTime(date); // validates the range
    this.revocationDate = date;
    return this;
  }

  /**
   * Fresh at a time, like {@link CrlBuilder#fresh(Instant)}.
   *
   * @param at the time
   * @return this writer
   */
  public LargeCrlWriter fresh(Instant at) {
    this.thisUpdate = at.minus(Duration.ofHours(1));
    this.nextUpdate = at.plus(Duration.ofHours(23));
    return this;
  }

  /**
   * The cRLNumber.
   *
   * @param number non-negative
   * @return this writer
   */
  public LargeCrlWriter crlNumber(BigInteger number) {
    if (number.signum() < 0) {
      throw new IllegalArgumentException("CRL number must not be negative");
    }
    this.crlNumber = number;
    return this;
  }

  /**
   * Entries written before the generated ones.
   *
   * @param revocations the entries
   * @return this writer
   */
  public LargeCrlWriter extra(Collection<CrlEntry> revocations) {
    extra.addAll(revocations);
    return this;
  }

  /**
   * Adds the root's standard entries (persona {@code revoked} and the filler entries) as extras.
   *
   * @return this writer
   */
  public LargeCrlWriter standardEntries() {
    return extra(pki.standardRevocations(type));
  }

  /**
   * Signs with the foreign same-DN root's key.
   *
   * @return this writer
   */
  public LargeCrlWriter signedByForeignRoot() {
    this.foreignSigner = true;
    return this;
  }

  /**
   * The serial of generated entry {@code index}.
   *
   * @param index 0-based
   * @return {@code 0x1000000000000000 + index}
   */
  public static BigInteger serialAt(long index) {
    return BigInteger.valueOf(FIRST_GENERATED_SERIAL + index);
  }

  /**
   * The reason of generated entry {@code index} when reasons are on.
   *
   * @param index 0-based
   * @return the reason ({@link CRLReason#UNSPECIFIED} means no reasonCode extension)
   */
  public static CRLReason reasonAt(long index) {
    return CYCLE[(int) (index % CYCLE.length)];
  }

  /**
   * Writes the CRL to a file.
   *
   * @param file the file
   * @return bytes written
   * @throws IOException if writing fails
   */
  public long writeTo(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      return writeTo(out);
    }
  }

  /**
   * Writes the CRL; the stream is flushed, not closed.
   *
   * @param sink the destination
   * @return bytes written
   * @throws IOException if writing fails
   */
  public long writeTo(OutputStream sink) throws IOException {
    TestPki.Ca signer = pki.ca(type, foreignSigner);
    byte[] issuer = signer.certificate().getSubjectX500Principal().getEncoded();
    byte[] version = {0x02, 0x01, 0x01};
    byte[] thisUpd = time(thisUpdate);
    byte[] nextUpd = time(nextUpdate);
    byte[] crlExtensions = crlExtensions(signer);

    List<byte[]> extraDer = new ArrayList<>(extra.size());
    long revokedContent = 0;
    for (CrlEntry r : extra) {
      byte[] e = entry(r);
      extraDer.add(e);
      revokedContent += e.length;
    }
    long generatedBytes = 0;
    if (count > 0) {
      long withReason = reasons ? countWithReason(count) : 0;
      generatedBytes = withReason * ENTRY_WITH_REASON + (count - withReason) * ENTRY_PLAIN;
    }
    revokedContent += generatedBytes;
    boolean hasRevoked = revokedContent > 0;
    long revokedTotal = hasRevoked ? 1 + lengthOfLength(revokedContent) + revokedContent : 0;
    long tbsContent =
        version.length
            + SHA256_RSA_ALG_ID.length
            + issuer.length
            + thisUpd.length
            + nextUpd.length
            + revokedTotal
            + crlExtensions.length;
    long tbsTotal = 1 + lengthOfLength(tbsContent) + tbsContent;
    byte[] sigPrefix = {0x03, (byte) 0x82, 0x01, 0x01, 0x00}; // BIT STRING, 257 bytes, 0 unused
    long outerContent = tbsTotal + SHA256_RSA_ALG_ID.length + sigPrefix.length + 256;

    Signature sig;
    try {
      sig = Signature.getInstance(Certs.SIG_ALG);
      sig.initSign(signer.keyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA unavailable", e);
    }
    CountingOut out = new CountingOut(new BufferedOutputStream(sink, 1 << 16));
    out.write(header(0x30, outerContent), false, sig);
    try {
      out.write(header(0x30, tbsContent), true, sig);
      out.write(version, true, sig);
      out.write(SHA256_RSA_ALG_ID, true, sig);
      out.write(issuer, true, sig);
      out.write(thisUpd, true, sig);
      out.write(nextUpd, true, sig);
      if (hasRevoked) {
        out.write(header(0x30, revokedContent), true, sig);
        for (byte[] e : extraDer) {
          out.write(e, true, sig);
        }
        writeGenerated(out, sig);
      }
      out.write(crlExtensions, true, sig);
      out.write(SHA256_RSA_ALG_ID, false, sig);
      out.write(sigPrefix, false, sig);
      byte[] s = sig.sign();
      if (s.length != 256) {
        throw new IllegalStateException("root key is not RSA-2048");
      }
      out.write(s, false, sig);
    } catch (java.security.SignatureException e) {
      throw new IllegalStateException("signing the CRL failed", e);
    }
    out.flush();
    long expected = 1 + lengthOfLength(outerContent) + outerContent;
    if (out.count != expected) {
      throw new IllegalStateException("CRL length mismatch: wrote " + out.count + ", planned " + expected);
    }
    return out.count;
  }

  private void writeGenerated(CountingOut out, Signature sig)
      throws IOException, java.security.SignatureException {
    byte[] date = utcTime(revocationDate);
    final int batch = 1024;
    byte[] buf = new byte[batch * ENTRY_WITH_REASON];
    long i = 0;
    while (i < count) {
      int n = (int) Math.min(batch, count - i);
      int pos = 0;
      for (int k = 0; k < n; k++, i++) {
        CRLReason reason = reasons ? reasonAt(i) : CRLReason.UNSPECIFIED;
        boolean withReason = reason != CRLReason.UNSPECIFIED;
        buf[pos++] = 0x30;
        buf[pos++] = (byte) (withReason ? ENTRY_WITH_REASON - 2 : ENTRY_PLAIN - 2);
        buf[pos++] = 0x02;
        buf[pos++] = 0x08;
        long serial = FIRST_GENERATED_SERIAL + i;
        for (int b = 7; b >= 0; b--) {
          buf[pos++] = (byte) (serial >>> (8 * b));
        }
        System.arraycopy(date, 0, buf, pos, date.length);
        pos += date.length;
        if (withReason) {
          // Extensions { Extension { reasonCode, OCTET STRING { ENUMERATED reason } } }
          byte[] ext = {
            0x30, 0x0C, 0x30, 0x0A, 0x06, 0x03, 0x55, 0x1D, 0x15, 0x04, 0x03, 0x0A, 0x01,
            (byte) CrlEntry.code(reason)
          };
          System.arraycopy(ext, 0, buf, pos, ext.length);
          pos += ext.length;
        }
      }
      out.write(buf, 0, pos, sig);
    }
  }

  private static long countWithReason(long n) {
    // Entries with index % 6 == 0 have no reason.
    long without = (n + CYCLE.length - 1) / CYCLE.length;
    return n - without;
  }

  private byte[] crlExtensions(TestPki.Ca signer) throws IOException {
    try {
      Extensions ext =
          new Extensions(
              new Extension[] {
                new Extension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils()
                        .createAuthorityKeyIdentifier(signer.keyPair().getPublic())
                        .getEncoded()),
                new Extension(Extension.cRLNumber, false, new CRLNumber(crlNumber).getEncoded())
              });
      byte[] inner = ext.getEncoded();
      return concat(header(0xA0, inner.length), inner);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable for the key identifier", e);
    }
  }

  private static byte[] entry(CrlEntry r) throws IOException {
    byte[] serial = r.serial().toByteArray();
    byte[] content = concat(header(0x02, serial.length), serial, time(r.revocationDate()));
    if (r.reason() != CRLReason.UNSPECIFIED) {
      byte[] ext =
          new Extensions(
                  new Extension(
                      Extension.reasonCode,
                      false,
                      new ASN1Enumerated(r.reasonCode()).getEncoded()))
              .getEncoded();
      content = concat(content, ext);
    }
    return concat(header(0x30, content.length), content);
  }

  /** UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280 §5.1.2.4). */
  private static byte[] time(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    if (z.getYear() >= 1950 && z.getYear() <= 2049) {
      return utcTime(t);
    }
    String s = String.format("%04d%02d%02d%02d%02d%02dZ", z.getYear(), z.getMonthValue(),
        z.getDayOfMonth(), z.getHour(), z.getMinute(), z.getSecond());
    return concat(new byte[] {0x18, (byte) s.length()}, s.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] utcTime(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    if (z.getYear() < 1950 || z.getYear() > 2049) {
      throw new IllegalArgumentException("UTCTime covers 1950..2049 only");
    }
    String s = String.format("%02d%02d%02d%02d%02d%02dZ", z.getYear() % 100, z.getMonthValue(),
        z.getDayOfMonth(), z.getHour(), z.getMinute(), z.getSecond());
    return concat(new byte[] {0x17, 0x0D}, s.getBytes(StandardCharsets.US_ASCII));
  }

  private static int lengthOfLength(long len) {
    if (len < 0x80) {
      return 1;
    }
    int n = 0;
    for (long v = len; v > 0; v >>>= 8) {
      n++;
    }
    return 1 + n;
  }

  private static byte[] header(int tag, long len) {
    int lol = lengthOfLength(len);
    byte[] h = new byte[1 + lol];
    h[0] = (byte) tag;
    if (lol == 1) {
      h[1] = (byte) len;
    } else {
      h[1] = (byte) (0x80 | (lol - 1));
      for (int i = 0; i < lol - 1; i++) {
        h[h.length - 1 - i] = (byte) (len >>> (8 * i));
      }
    }
    return h;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.write(p, 0, p.length);
    }
    return o.toByteArray();
  }

  /** Output that counts bytes and optionally feeds them to the signature. */
  private static final class CountingOut {
    private final OutputStream out;
    long count;

    CountingOut(OutputStream out) {
      this.out = out;
    }

    void write(byte[] b, boolean signed, Signature sig) throws IOException {
      write(b, 0, b.length, signed, sig);
    }

    void write(byte[] b, int off, int len, Signature sig) throws IOException {
      write(b, off, len, true, sig);
    }

    void write(byte[] b, int off, int len, boolean signed, Signature sig) throws IOException {
      out.write(b, off, len);
      count += len;
      if (signed) {
        try {
          sig.update(b, off, len);
        } catch (java.security.SignatureException e) {
          throw new IllegalStateException("signature not initialised", e);
        }
      }
    }

    void flush() throws IOException {
      out.flush();
    }
  }
}
