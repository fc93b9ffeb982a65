// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.KeyType;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.jspecify.annotations.Nullable;

/**
 * Builds a CRL for one of the test roots: fresh or stale, with chosen entries and reasons, signed by
 * the root or by the foreign same-DN root's key. Start with {@link TestPki#crlBuilder(KeyType)}. Not
 * thread-safe.
 *
 * <p>Defaults: fresh at {@link TestPki#REFERENCE_TIME}, no entries, CRL number 1, signed by the root.
 * Extensions: authorityKeyIdentifier and cRLNumber; entries carry a reasonCode extension unless the
 * reason is {@link CRLReason#UNSPECIFIED}.
 */
public final class CrlBuilder {
  private final TestPki pki;
  private final KeyType type;
  private Instant thisUpdate;
  private @Nullable Instant nextUpdate;
  private final List<CrlEntry> entries = new ArrayList<>();
  private BigInteger crlNumber = BigInteger.ONE;
  private boolean foreignSigner;

  CrlBuilder(TestPki pki, KeyType type) {
    this.pki = pki;
    this.type = type;
    fresh(TestPki.REFERENCE_TIME);
  }

  /**
   * Fresh at a time: {@code thisUpdate = at - 1 h}, {@code nextUpdate = at + 23 h}.
   *
   * @param at the time
   * @return this builder
   */
  public CrlBuilder fresh(Instant at) {
    this.thisUpdate = at.minus(Duration.ofHours(1));
    this.nextUpdate = at.plus(Duration.ofHours(23));
    return this;
  }

  /**
   * Stale at a time: {@code thisUpdate = at - 3 d}, {@code nextUpdate = at - 2 d}.
   *
   * @param at the time
   * @return this builder
   */
  public CrlBuilder stale(Instant at) {
    this.thisUpdate = at.minus(Duration.ofDays(3));
    this.nextUpdate = at.minus(Duration.ofDays(2));
    return this;
  }

  /**
   * Explicit update times.
   *
   * @param thisUpdate thisUpdate
   * @param nextUpdate nextUpdate, or null to omit the field
   * @return this builder
   */
  public CrlBuilder updates(Instant thisUpdate, @Nullable Instant nextUpdate) {
    this.thisUpdate = thisUpdate;
    this.nextUpdate = nextUpdate;
    return this;
  }

  /**
   * Adds the root's {@link TestPki#standardRevocations(KeyType) standard entries}.
   *
   * @return this builder
   */
  public CrlBuilder standardEntries() {
    entries.addAll(pki.standardRevocations(type));
    return this;
  }

  /**
   * Adds an entry.
   *
   * @param revocation the entry
   * @return this builder
   */
  public CrlBuilder revoke(CrlEntry revocation) {
    entries.add(revocation);
    return this;
  }

  /**
   * Adds an entry for a serial.
   *
   * @param serial the serial
   * @param date the revocation date
   * @param reason the reason
   * @return this builder
   */
  public CrlBuilder revoke(BigInteger serial, Instant date, CRLReason reason) {
    return revoke(new CrlEntry(serial, date, reason));
  }

  /**
   * Adds an entry for a certificate.
   *
   * @param certificate the certificate
   * @param date the revocation date
   * @param reason the reason
   * @return this builder
   */
  public CrlBuilder revoke(X509Certificate certificate, Instant date, CRLReason reason) {
    return revoke(certificate.getSerialNumber(), date, reason);
  }

  /**
   * The cRLNumber extension value.
   *
   * @param number a non-negative number
   * @return this builder
   */
  public CrlBuilder crlNumber(BigInteger number) {
    if (number.signum() < 0) {
      throw new IllegalArgumentException("CRL number must not be negative");
    }
    this.crlNumber = number;
    return this;
  }

  /**
   * Signs with the foreign same-DN root's key: the issuer name matches, the signature does not.
   *
   * @return this builder
   */
  public CrlBuilder signedByForeignRoot() {
    this.foreignSigner = true;
    return this;
  }

  /**
   * Builds and signs the CRL.
   *
   * @return the CRL
   */
  public X509CRL build() {
    TestPki.Ca signer = pki.ca(type, foreignSigner);
    try {
      X509v2CRLBuilder b = new X509v2CRLBuilder(TestPki.rootDn(type), seconds(thisUpdate));
      if (nextUpdate != null) {
        b.setNextUpdate(seconds(nextUpdate));
      }
      for (CrlEntry r : entries) {
        Extensions ext = null;
        if (r.reason() != CRLReason.UNSPECIFIED) {
          ext =
              new Extensions(
                  new Extension(
                      Extension.reasonCode,
                      false,
                      new ASN1Enumerated(r.reasonCode()).getEncoded()));
        }
        b.addCRLEntry(r.serial(), seconds(r.revocationDate()), ext);
      }
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer.keyPair().getPublic()));
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
      return Certs.sign(b, signer.keyPair().getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build test CRL", e);
    }
  }

  private static Date seconds(Instant t) {
    return Date.from(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
