// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.KeyType;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers OCSP requests (RFC 6960) for the certificates of a {@link TestPki}: "revoked" for the
 * standard revocations and any added with {@link Builder#revoked}, "good" for serials the PKI issued
 * (built-in personas, known without building them, and {@link TestPki#leaf(KeyType)} certificates
 * built in this JVM), "unknown" otherwise. Requests
 * for an issuer other than the two test roots get {@code unauthorized}; undecodable requests get
 * {@code malformedRequest}. The request nonce is echoed. Immutable and thread-safe.
 */
public final class TestOcspResponder {
  private static final Logger log = LoggerFactory.getLogger(TestOcspResponder.class);

  /** Status a serial should be reported with, overriding the defaults. */
  public enum Status {
    /** Reported as good. */
    GOOD,
    /** Reported as unknown. */
    UNKNOWN
  }

  private final TestPki pki;
  private final OcspSigner signer;
  private final Clock clock;
  private final Duration validity;
  private final boolean echoNonce;
  private final Map<KeyType, Map<BigInteger, CrlEntry>> revoked;
  private final Map<KeyType, Map<BigInteger, Status>> overrides;

  private TestOcspResponder(Builder b) {
    this.pki = b.pki;
    this.signer = b.signer;
    this.clock = b.clock;
    this.validity = b.validity;
    this.echoNonce = b.echoNonce;
    this.revoked = new EnumMap<>(KeyType.class);
    this.overrides = new EnumMap<>(KeyType.class);
    for (KeyType t : KeyType.values()) {
      revoked.put(t, Map.copyOf(b.revoked.get(t)));
      overrides.put(t, Map.copyOf(b.overrides.get(t)));
    }
  }

  /**
   * Starts a responder for a PKI, preloaded with its standard revocations.
   *
   * @param pki the PKI
   * @return a new builder
   */
  public static Builder builder(TestPki pki) {
    return new Builder(pki);
  }

  /**
   * Answers a DER OCSPRequest at the clock's current time.
   *
   * @param request the DER request
   * @return the DER OCSPResponse (never throws for bad input: answers malformedRequest)
   */
  public byte[] respond(byte[] request) {
    return respond(request, clock.instant());
  }

  /**
   * Answers a DER OCSPRequest as of a given time ({@code producedAt = thisUpdate = now}, {@code
   * nextUpdate = now + validity}).
   *
   * @param request the DER request
   * @param now the response time
   * @return the DER OCSPResponse
   */
  public byte[] respond(byte[] request, Instant now) {
    OCSPReq req;
    try {
      req = new OCSPReq(request);
    } catch (IOException | RuntimeException e) {
      log.debug("Malformed OCSP request ({} bytes)", request.length);
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    try {
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      Req[] items = req.getRequestList();
      if (items.length == 0) {
        return status(OCSPRespBuilder.MALFORMED_REQUEST);
      }
      @Nullable KeyType type = null;
      for (Req item : items) {
        KeyType t = issuerOf(item.getCertID(), digests);
        if (t == null || (type != null && t != type)) {
          // RFC 6960 §2.3: we are not authoritative for that issuer (or for mixed issuers).
          return status(OCSPRespBuilder.UNAUTHORIZED);
        }
        type = t;
      }
      if (type == null) {
        return status(OCSPRespBuilder.MALFORMED_REQUEST);
      }
      X509Certificate signerCert =
          signer == OcspSigner.CA ? pki.root(type) : pki.ocspResponderCertificate(type, signer);
      PrivateKey signerKey =
          signer == OcspSigner.CA
              ? pki.rootKeyPair(type).getPrivate()
              : pki.ocspResponderKeyPair().getPrivate();
      Instant t = now.truncatedTo(ChronoUnit.SECONDS);
      BasicOCSPRespBuilder rb =
          new BasicOCSPRespBuilder(
              SubjectPublicKeyInfo.getInstance(signerCert.getPublicKey().getEncoded()),
              digests.get(CertificateID.HASH_SHA1));
      for (Req item : items) {
        rb.addResponse(
            item.getCertID(),
            status(type, item.getCertID().getSerialNumber()),
            Date.from(t),
            Date.from(t.plus(validity)),
            null);
      }
      Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (echoNonce && nonce != null) {
        rb.setResponseExtensions(new Extensions(nonce));
      }
      X509CertificateHolder[] chain =
          signer == OcspSigner.CA
              ? null
              : new X509CertificateHolder[] {new JcaX509CertificateHolder(signerCert)};
      BasicOCSPResp basic = rb.build(Certs.signer(signerKey), chain, Date.from(t));
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    } catch (OCSPException | OperatorCreationException | IOException | CertificateEncodingException e) {
      log.debug("OCSP response generation failed", e);
      return status(OCSPRespBuilder.INTERNAL_ERROR);
    }
  }

  private @Nullable KeyType issuerOf(CertificateID id, DigestCalculatorProvider digests)
      throws OCSPException, CertificateEncodingException {
    for (KeyType t : KeyType.values()) {
      if (id.matchesIssuer(new JcaX509CertificateHolder(pki.root(t)), digests)) {
        return t;
      }
    }
    return null;
  }

  private @Nullable CertificateStatus status(KeyType type, BigInteger serial) {
    Status override = Tlv.req(overrides, type).get(serial);
    if (override == Status.GOOD) {
      return CertificateStatus.GOOD;
    }
    if (override == Status.UNKNOWN) {
      return new UnknownStatus();
    }
    CrlEntry r = Tlv.req(revoked, type).get(serial);
    if (r != null) {
      return r.reason() == CRLReason.UNSPECIFIED
          ? new RevokedStatus(Date.from(r.revocationDate().truncatedTo(ChronoUnit.SECONDS)))
          : new RevokedStatus(
              Date.from(r.revocationDate().truncatedTo(ChronoUnit.SECONDS)), r.reasonCode());
    }
    return pki.wasIssued(type, serial) ? CertificateStatus.GOOD : new UnknownStatus();
  }

  private static byte[] status(int code) {
    try {
      return new OCSPRespBuilder().build(code, null).getEncoded();
    } catch (OCSPException | IOException e) {
      throw new IllegalStateException("cannot encode OCSP status response", e);
    }
  }

  /**
   * Decodes a DER response into BouncyCastle's model (test convenience).
   *
   * @param response DER OCSPResponse
   * @return the parsed response
   * @throws IOException if it does not parse
   */
  public static OCSPResp parse(byte[] response) throws IOException {
    return new OCSPResp(response);
  }

  @Override
  public String toString() {
    return "TestOcspResponder[signer=" + signer + "]";
  }

  /** Configures a {@link TestOcspResponder}. Not thread-safe. */
  public static final class Builder {
    private final TestPki pki;
    private OcspSigner signer = OcspSigner.AUTHORIZED_RESPONDER;
    private Clock clock = Clock.systemUTC();
    private Duration validity = Duration.ofHours(24);
    private boolean echoNonce = true;
    private final Map<KeyType, Map<BigInteger, CrlEntry>> revoked = new EnumMap<>(KeyType.class);
    private final Map<KeyType, Map<BigInteger, Status>> overrides = new EnumMap<>(KeyType.class);

    private Builder(TestPki pki) {
      this.pki = pki;
      for (KeyType t : KeyType.values()) {
        Map<BigInteger, CrlEntry> m = new HashMap<>();
        for (CrlEntry r : pki.standardRevocations(t)) {
          m.put(r.serial(), r);
        }
        revoked.put(t, m);
        overrides.put(t, new HashMap<>());
      }
    }

    /**
     * Who signs (default {@link OcspSigner#AUTHORIZED_RESPONDER}).
     *
     * @param signer the signer
     * @return this builder
     */
    public Builder signer(OcspSigner signer) {
      this.signer = signer;
      return this;
    }

    /**
     * Clock for {@link TestOcspResponder#respond(byte[])} (default system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * nextUpdate - thisUpdate (default 24 h).
     *
     * @param validity positive duration
     * @return this builder
     */
    public Builder validity(Duration validity) {
      if (validity.isNegative() || validity.isZero()) {
        throw new IllegalArgumentException("validity must be positive");
      }
      this.validity = validity;
      return this;
    }

    /**
     * Whether to echo the request nonce (default true); false for "missing nonce" tests.
     *
     * @param echo true to echo
     * @return this builder
     */
    public Builder echoNonce(boolean echo) {
      this.echoNonce = echo;
      return this;
    }

    /**
     * Reports a certificate as revoked.
     *
     * @param type the issuing root
     * @param revocation the revocation
     * @return this builder
     */
    public Builder revoked(KeyType type, CrlEntry revocation) {
      Tlv.req(revoked, type).put(revocation.serial(), revocation);
      Tlv.req(overrides, type).remove(revocation.serial());
      return this;
    }

    /**
     * Forces a status for a serial (overrides revocations).
     *
     * @param type the issuing root
     * @param serial the serial
     * @param status GOOD or UNKNOWN
     * @return this builder
     */
    public Builder status(KeyType type, BigInteger serial, Status status) {
      Tlv.req(overrides, type).put(serial, status);
      return this;
    }

    /**
     * Builds the responder.
     *
     * @return the responder
     */
    public TestOcspResponder build() {
      return new TestOcspResponder(this);
    }
  }
}
