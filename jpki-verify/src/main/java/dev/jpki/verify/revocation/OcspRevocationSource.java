// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.JpkiProfile;
import dev.jpki.verify.internal.DerStructure;
import dev.jpki.verify.internal.Http;
import dev.jpki.verify.internal.X509Ext;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation by OCSP (RFC 6960) over {@code java.net.http}.
 *
 * <p>Each request carries a random nonce; a response that echoes a different nonce is rejected, and
 * with {@link Builder#requireNonce(boolean)} one that echoes none as well. A response is used only if
 * it is signed by the certificate's issuer, or by a responder certificate that the issuer signed, that
 * carries id-kp-OCSPSigning and is valid at the verification time; if its signature algorithm is
 * accepted; and if it is current (nextUpdate not passed; without nextUpdate, thisUpdate no older than
 * {@link Builder#maxAgeWithoutNextUpdate}). Good and revoked answers are cached until their nextUpdate.
 * Everything else fails closed as UNAVAILABLE; OCSP "unknown" is UNKNOWN.
 *
 * <p>The responder is the configured URL or else the certificate's AIA OCSP URL (JPKI certificates are
 * not known to carry one, docs/card-protocol.md §9.2). The responder certificate's own revocation is not checked.
 * Thread-safe.
 */
public final class OcspRevocationSource implements RevocationSource {
  private static final Logger log = LoggerFactory.getLogger(OcspRevocationSource.class);
  private static final String NAME = "OCSP";
  /** What a delegated responder certificate may mark critical: keyUsage, EKU, basicConstraints, ocsp-nocheck. */
  private static final java.util.Set<String> RESPONDER_CRITICAL =
      java.util.Set.of("2.5.29.15", "2.5.29.37", "2.5.29.19", "1.3.6.1.5.5.7.48.1.5");

  private final @Nullable URI responder;
  private final HttpClient http;
  private final Duration timeout;
  /** A JPKI OCSP response is a few KiB. */
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private final boolean sendNonce;
  private final boolean requireNonce;
  private final Duration maxAgeWithoutNextUpdate;
  private final Duration clockSkew;
  private final int cacheSize;
  private final JpkiProfile profile;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private OcspRevocationSource(Builder b) {
    this.responder = b.responder;
    this.http = b.http != null ? b.http
        : HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = b.timeout;
    this.sendNonce = b.sendNonce;
    this.requireNonce = b.requireNonce;
    this.maxAgeWithoutNextUpdate = b.maxAgeWithoutNextUpdate;
    this.clockSkew = b.clockSkew;
    this.cacheSize = b.cacheSize;
    this.profile = JpkiProfile.production();
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    try {
      return doCheck(certificate, issuer, at);
    } catch (RuntimeException e) {
      log.debug("OCSP check failed: {}", e.toString());
      return RevocationStatus.unavailable(NAME, "OCSP check failed: " + e.getClass().getSimpleName());
    }
  }

  private RevocationStatus doCheck(X509Certificate cert, X509Certificate issuer, Instant at) {
    String key = cacheKey(cert, issuer);
    Cached hit = cache.get(key);
    if (hit != null && !at.isBefore(hit.thisUpdate.minus(clockSkew)) && !at.isAfter(hit.until)) {
      return hit.status;
    }
    URI uri = responder;
    if (uri == null) {
      List<String> urls = X509Ext.ocspUrls(cert);
      if (urls.isEmpty()) {
        return RevocationStatus.unavailable(NAME, "no OCSP responder configured and none in the certificate");
      }
      uri = URI.create(urls.get(0));
    }
    DigestCalculatorProvider digests;
    CertificateID id;
    JcaX509CertificateHolder issuerHolder;
    byte[] nonce = new byte[16];
    OCSPReq req;
    try {
      digests = new JcaDigestCalculatorProviderBuilder().build();
      issuerHolder = new JcaX509CertificateHolder(issuer);
      id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder, cert.getSerialNumber());
      OCSPReqBuilder rb = new OCSPReqBuilder().addRequest(id);
      if (sendNonce) {
        random.nextBytes(nonce);
        rb.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
            new DEROctetString(new DEROctetString(nonce).getEncoded()))));
      }
      req = rb.build();
    } catch (Exception e) {
      return RevocationStatus.unavailable(NAME, "cannot build the OCSP request: " + e.getClass().getSimpleName());
    }
    byte[] body;
    try {
      body = Http.post(http, uri, "application/ocsp-request", req.getEncoded(), timeout, MAX_RESPONSE_BYTES);
    } catch (IOException e) {
      return RevocationStatus.unavailable(NAME, "responder unreachable: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
    }
    BasicOCSPResp basic;
    try {
      DerStructure.check(body, "OCSP response", DerStructure.DEFAULT_MAX_DEPTH, false);
      OCSPResp resp = new OCSPResp(body);
      if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
        return RevocationStatus.unavailable(NAME, "responder answered with status " + resp.getStatus());
      }
      Object o = resp.getResponseObject();
      if (!(o instanceof BasicOCSPResp b)) {
        return RevocationStatus.unavailable(NAME, "response is not a basic OCSP response");
      }
      basic = b;
    } catch (BadInputException e) {
      return RevocationStatus.unavailable(NAME, "malformed response: " + e.getMessage());
    } catch (Exception e) {
      return RevocationStatus.unavailable(NAME, "malformed response: " + e.getClass().getSimpleName());
    }
    if (!profile.signatureAlgorithms().contains(basic.getSignatureAlgOID().getId())) {
      return RevocationStatus.unavailable(NAME, "response signature algorithm not accepted: "
          + basic.getSignatureAlgOID().getId());
    }
    String signer = authenticate(basic, issuer, issuerHolder, digests, at);
    if (signer != null) {
      return RevocationStatus.unavailable(NAME, signer);
    }
    if (sendNonce) {
      Extension ext = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (ext != null) {
        byte[] echoed = ext.getExtnValue().getOctets();
        try {
          // RFC 8954: the extnValue holds an OCTET STRING; some responders put the raw bytes
          byte[] inner = ASN1OctetString.getInstance(echoed).getOctets();
          if (MessageDigest.isEqual(inner, nonce)) {
            echoed = inner;
          }
        } catch (RuntimeException e) {
          // not wrapped: compare the raw bytes
        }
        if (!MessageDigest.isEqual(echoed, nonce)) {
          return RevocationStatus.unavailable(NAME, "response nonce does not match the request");
        }
      } else if (requireNonce) {
        return RevocationStatus.unavailable(NAME, "response carries no nonce");
      }
    }
    SingleResp single = null;
    try {
      for (SingleResp s : basic.getResponses()) {
        CertificateID cid = s.getCertID();
        if (cid.getSerialNumber().equals(cert.getSerialNumber()) && cid.matchesIssuer(issuerHolder, digests)) {
          single = s;
          break;
        }
      }
    } catch (Exception e) {
      return RevocationStatus.unavailable(NAME, "cannot match the response: " + e.getClass().getSimpleName());
    }
    if (single == null) {
      return RevocationStatus.unavailable(NAME, "response does not answer for this certificate");
    }
    Instant thisUpdate = single.getThisUpdate().toInstant();
    Instant nextUpdate = single.getNextUpdate() != null ? single.getNextUpdate().toInstant() : null;
    Instant until = nextUpdate != null ? nextUpdate : thisUpdate.plus(maxAgeWithoutNextUpdate);
    if (at.isAfter(until.plus(clockSkew))) {
      return RevocationStatus.unavailable(NAME, "response is stale (valid until " + until + ")");
    }
    // a response from the future is either a responder with a wrong clock or one prepared in advance for
    // later replay; beyond the configured skew it is refused (SECURITY.md, JPKI-2026-010)
    Instant produced = basic.getProducedAt() != null ? basic.getProducedAt().toInstant() : thisUpdate;
    if (thisUpdate.isAfter(at.plus(clockSkew)) || produced.isAfter(at.plus(clockSkew))) {
      return RevocationStatus.unavailable(NAME, "response is dated in the future (thisUpdate " + thisUpdate
          + ", verification time " + at + ")");
    }
    CertificateStatus st = single.getCertStatus();
    RevocationStatus status;
    if (st == CertificateStatus.GOOD) {
      status = RevocationStatus.good(NAME);
    } else if (st instanceof RevokedStatus r) {
      RevocationReason reason = RevocationReason.UNSPECIFIED;
      if (r.hasRevocationReason()) {
        reason = RevocationReason.ofCode(r.getRevocationReason()).orElse(RevocationReason.UNSPECIFIED);
      }
      status = RevocationStatus.revoked(reason, r.getRevocationTime().toInstant(), NAME);
    } else if (st instanceof UnknownStatus) {
      return RevocationStatus.unknown(NAME, "responder does not know the certificate");
    } else {
      return RevocationStatus.unavailable(NAME, "unrecognised certificate status");
    }
    if (cacheSize > 0) {
      if (cache.size() >= cacheSize) {
        cache.clear();
      }
      cache.put(key, new Cached(status, thisUpdate, until));
    }
    return status;
  }

  /**
   * Returns null if the response is signed by the issuer or a responder it authorized, else why not.
   *
   * <p>The ResponderID names the signer (RFC 6960 §4.2.2.3), so the issuer's key is tried first only when the ID
   * names the issuer: a delegated responder's response then costs the two RSA verifications it needs (the
   * responder certificate, the response) instead of a failing one with the issuer's key first. The issuer's key is
   * still tried last, so a responder whose ID names neither is judged by its signature as before.
   */
  private @Nullable String authenticate(BasicOCSPResp basic, X509Certificate issuer,
      X509CertificateHolder issuerHolder, DigestCalculatorProvider digests, Instant at) {
    try {
      RespID respId = basic.getResponderId();
      boolean namesIssuer = names(respId, issuerHolder, digests);
      if (namesIssuer && basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
        return null;
      }
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      for (X509CertificateHolder h : basic.getCerts()) {
        // the cheap test first: a certificate the ResponderID does not name cannot be the signer
        if (!names(respId, h, digests)) {
          continue;
        }
        X509Certificate responderCert;
        try {
          responderCert = conv.getCertificate(h);
          responderCert.verify(issuer.getPublicKey());
        } catch (Exception e) {
          continue; // not issued by this certificate's issuer
        }
        List<String> eku = responderCert.getExtendedKeyUsage();
        if (eku == null || !eku.contains(X509Ext.KP_OCSP_SIGNING)) {
          continue;
        }
        // RFC 6960 §4.2.2.2 with RFC 5280: a responder key must be allowed to sign, and an extension we do not
        // understand but the issuer marked critical forbids using the certificate (JPKI-2026-010)
        boolean[] ku = responderCert.getKeyUsage();
        if (ku != null && !(ku.length > 0 && ku[0])) {
          continue;
        }
        java.util.Set<String> critical = responderCert.getCriticalExtensionOIDs();
        if (critical != null && !RESPONDER_CRITICAL.containsAll(critical)) {
          continue;
        }
        try {
          responderCert.checkValidity(java.util.Date.from(at));
        } catch (CertificateException e) {
          continue;
        }
        if (basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(h))) {
          return null;
        }
      }
      if (!namesIssuer && basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
        return null;
      }
      return "response is not signed by the issuer or a responder it authorized";
    } catch (Exception e) {
      return "cannot verify the response signature: " + e.getClass().getSimpleName();
    }
  }

  /** Whether the ResponderID names this certificate, by name or by the SHA-1 of its public key. */
  private static boolean names(RespID respId, X509CertificateHolder cert, DigestCalculatorProvider digests)
      throws org.bouncycastle.operator.OperatorCreationException, org.bouncycastle.cert.ocsp.OCSPException {
    return respId.equals(new RespID(cert.getSubject()))
        || respId.equals(new RespID(cert.getSubjectPublicKeyInfo(), digests.get(RespID.HASH_SHA1)));
  }

  private static String cacheKey(X509Certificate cert, X509Certificate issuer) {
    try {
      byte[] k = MessageDigest.getInstance("SHA-256").digest(issuer.getPublicKey().getEncoded());
      return new BigInteger(1, k).toString(16) + ":" + cert.getSerialNumber().toString(16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A cached answer and how long it may be reused. */
  private static final class Cached {
    final RevocationStatus status;
    final Instant thisUpdate;
    final Instant until;

    Cached(RevocationStatus status, Instant thisUpdate, Instant until) {
      this.status = status;
      this.thisUpdate = thisUpdate;
      this.until = until;
    }
  }

  @Override
  public String toString() {
    return "OcspRevocationSource[" + (responder != null ? responder : "AIA") + "]";
  }

  /** Builder of {@link OcspRevocationSource}. */
  public static final class Builder {
    private @Nullable URI responder;
    private @Nullable HttpClient http;
    /** One whole OCSP exchange, body included. */
    private Duration timeout = Duration.ofSeconds(10);
    private boolean sendNonce = true;
    private boolean requireNonce;
    private Duration maxAgeWithoutNextUpdate = Duration.ofHours(1);
    private Duration clockSkew = Duration.ofMinutes(5);
    private int cacheSize = 10_000;

    private Builder() {}

    /**
     * Sets a fixed responder URL (default: the certificate's AIA OCSP URL).
     *
     * @param uri http(s) URL
     * @return this builder
     */
    public Builder responder(URI uri) {
      String s = uri.getScheme();
      if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException("only http and https OCSP URLs are supported");
      }
      this.responder = uri;
      return this;
    }

    /**
     * Sets the HTTP client.
     *
     * @param client the client
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the deadline of one whole exchange, body included (default 10 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets whether requests carry a nonce (default true).
     *
     * @param send true to send a nonce
     * @return this builder
     */
    public Builder nonce(boolean send) {
      this.sendNonce = send;
      return this;
    }

    /**
     * Sets whether a response must echo the nonce (default false: pre-signed responses without nonce
     * are accepted when current).
     *
     * @param require true to reject responses without the nonce
     * @return this builder
     */
    public Builder requireNonce(boolean require) {
      this.requireNonce = require;
      return this;
    }

    /**
     * Sets how long after thisUpdate a response without nextUpdate is used (default 1 h).
     *
     * @param maxAge the age
     * @return this builder
     */
    public Builder maxAgeWithoutNextUpdate(Duration maxAge) {
      this.maxAgeWithoutNextUpdate = Objects.requireNonNull(maxAge, "maxAge");
      return this;
    }

    /**
     * Sets the tolerated clock difference with the responder (default 5 min).
     *
     * @param skew the tolerance
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /**
     * Sets the number of cached answers (default 10,000; 0 disables caching).
     *
     * @param entries the capacity
     * @return this builder
     */
    public Builder cacheSize(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("cacheSize must not be negative");
      }
      this.cacheSize = entries;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public OcspRevocationSource build() {
      return new OcspRevocationSource(this);
    }
  }
}
