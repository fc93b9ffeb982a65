// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.KeyType;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

class OcspTest {
  private static final TestPki PKI = TestPki.get();
  private static final Instant NOW = TestPki.REFERENCE_TIME;
  private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

  static byte[] request(KeyType type, BigInteger serial, boolean nonce) throws Exception {
    return request(PKI.root(type), serial, nonce);
  }

  static byte[] request(X509Certificate issuer, BigInteger serial, boolean nonce) throws Exception {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(issuer),
            serial);
    OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
    if (nonce) {
      b.setRequestExtensions(
          new Extensions(
              new Extension(
                  OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(NONCE).getEncoded())));
    }
    OCSPReq req = b.build();
    return req.getEncoded();
  }

  private static BasicOCSPResp basic(byte[] response) throws Exception {
    OCSPResp resp = TestOcspResponder.parse(response);
    assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    return (BasicOCSPResp) resp.getResponseObject();
  }

  private static boolean signatureValidWith(BasicOCSPResp r, X509Certificate signer) throws Exception {
    return r.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer.getPublicKey()));
  }

  @Test
  void respond_issuedSerial_goodSignedByAuthorizedResponderWithNonceEcho() throws Exception {
    BigInteger serial = PKI.leaf(KeyType.AUTHENTICATION).build().certificate().getSerialNumber();
    BasicOCSPResp r = basic(PKI.ocspResponder().respond(request(KeyType.AUTHENTICATION, serial, true), NOW));
    SingleResp s = r.getResponses()[0];
    assertThat(s.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
    assertThat(s.getCertID().getSerialNumber()).isEqualTo(serial);
    assertThat(s.getThisUpdate()).isEqualTo(Date.from(NOW));
    assertThat(s.getNextUpdate()).isEqualTo(Date.from(NOW.plusSeconds(86400)));
    assertThat(r.getProducedAt()).isEqualTo(Date.from(NOW));
    assertThat(DEROctetString.getInstance(r.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getParsedValue())
            .getOctets())
        .isEqualTo(NONCE);
    X509CertificateHolder[] certs = r.getCerts();
    assertThat(certs).hasSize(1);
    X509Certificate responder = PKI.ocspResponderCertificate(KeyType.AUTHENTICATION, OcspSigner.AUTHORIZED_RESPONDER);
    assertThat(certs[0].getEncoded()).isEqualTo(responder.getEncoded());
    assertThat(signatureValidWith(r, responder)).isTrue();
    responder.verify(PKI.authRoot().getPublicKey());
    assertThat(responder.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_OCSPSigning.getId());
    assertThat(responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId())).isNotNull();
  }

  @Test
  void respond_revokedPersonaSerial_revokedWithReasonAndTime() throws Exception {
    BigInteger serial = TestPki.builtInPersonaSerial(KeyType.SIGNATURE, TestPki.REVOKED_PERSONA_NUMBER);
    BasicOCSPResp r = basic(PKI.ocspResponder().respond(request(KeyType.SIGNATURE, serial, false), NOW));
    assertThat(r.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
    RevokedStatus st = (RevokedStatus) r.getResponses()[0].getCertStatus();
    assertThat(st.getRevocationReason()).isEqualTo(1); // keyCompromise
    assertThat(st.getRevocationTime().toInstant()).isEqualTo(TestPki.REVOKED_PERSONA_REVOCATION_TIME);
    assertThat(r.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
  }

  @Test
  void respond_neverIssuedSerial_unknown() throws Exception {
    BasicOCSPResp r =
        basic(PKI.ocspResponder().respond(request(KeyType.SIGNATURE, BigInteger.valueOf(0x123456789L), true), NOW));
    assertThat(r.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
  }

  @Test
  void respond_freshPkiInstance_builtInPersonaSerialsGoodWithoutBuildingPersonas() throws Exception {
    TestPki fresh = TestPki.forPort(39999); // no persona or leaf was ever issued through it
    TestOcspResponder responder = fresh.ocspResponder();
    BigInteger defaultAuth = TestPki.builtInPersonaSerial(KeyType.AUTHENTICATION, 1);
    BigInteger minorSign = TestPki.builtInPersonaSerial(KeyType.SIGNATURE, 2); // minor has none
    assertThat(basic(responder.respond(request(KeyType.AUTHENTICATION, defaultAuth, false), NOW)).getResponses()[0]
            .getCertStatus())
        .isEqualTo(CertificateStatus.GOOD);
    assertThat(basic(responder.respond(request(KeyType.SIGNATURE, minorSign, false), NOW)).getResponses()[0]
            .getCertStatus())
        .isInstanceOf(UnknownStatus.class);
  }

  @Test
  void respond_caSigner_signedByRootNoCerts() throws Exception {
    BigInteger serial = PKI.leaf(KeyType.SIGNATURE).build().certificate().getSerialNumber();
    TestOcspResponder responder = TestOcspResponder.builder(PKI).signer(OcspSigner.CA).build();
    BasicOCSPResp r = basic(responder.respond(request(KeyType.SIGNATURE, serial, true), NOW));
    assertThat(r.getCerts()).isEmpty();
    assertThat(signatureValidWith(r, PKI.signRoot())).isTrue();
  }

  @Test
  void respond_unauthorizedSigner_certChainsToForeignRootOnly() throws Exception {
    TestOcspResponder responder = TestOcspResponder.builder(PKI).signer(OcspSigner.UNAUTHORIZED).build();
    BasicOCSPResp r = basic(responder.respond(request(KeyType.SIGNATURE, BigInteger.TEN, true), NOW));
    X509Certificate included =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(r.getCerts()[0].getEncoded()));
    assertThat(signatureValidWith(r, included)).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> included.verify(PKI.signRoot().getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
    included.verify(PKI.foreignRoot(KeyType.SIGNATURE).getPublicKey());
    assertThat(signatureValidWith(r, PKI.signRoot())).isFalse();
  }

  @Test
  void respond_responderWithoutEku_noOcspSigningPurpose() throws Exception {
    TestOcspResponder responder =
        TestOcspResponder.builder(PKI).signer(OcspSigner.RESPONDER_WITHOUT_OCSP_SIGNING).build();
    BasicOCSPResp r = basic(responder.respond(request(KeyType.AUTHENTICATION, BigInteger.TEN, false), NOW));
    X509Certificate cert =
        PKI.ocspResponderCertificate(KeyType.AUTHENTICATION, OcspSigner.RESPONDER_WITHOUT_OCSP_SIGNING);
    assertThat(r.getCerts()[0].getEncoded()).isEqualTo(cert.getEncoded());
    assertThat(cert.getExtendedKeyUsage()).isNull();
    cert.verify(PKI.authRoot().getPublicKey());
  }

  @Test
  void respond_overridesAndExtraRevocations() throws Exception {
    BigInteger revokedPersona = TestPki.builtInPersonaSerial(KeyType.SIGNATURE, TestPki.REVOKED_PERSONA_NUMBER);
    TestOcspResponder responder =
        TestOcspResponder.builder(PKI)
            .status(KeyType.SIGNATURE, revokedPersona, TestOcspResponder.Status.GOOD)
            .revoked(KeyType.SIGNATURE, new CrlEntry(BigInteger.valueOf(55), NOW, java.security.cert.CRLReason.CERTIFICATE_HOLD))
            .echoNonce(false)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    assertThat(basic(responder.respond(request(KeyType.SIGNATURE, revokedPersona, true))).getResponses()[0].getCertStatus())
        .isEqualTo(CertificateStatus.GOOD);
    BasicOCSPResp held = basic(responder.respond(request(KeyType.SIGNATURE, BigInteger.valueOf(55), true)));
    assertThat(((RevokedStatus) held.getResponses()[0].getCertStatus()).getRevocationReason()).isEqualTo(6);
    assertThat(held.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
  }

  @Test
  void respond_garbage_malformedRequest() throws Exception {
    OCSPResp resp = TestOcspResponder.parse(PKI.ocspResponder().respond(new byte[] {0x30, 0x03, 1, 2, 3}, NOW));
    assertThat(resp.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
  }

  @Test
  void respond_foreignIssuer_unauthorized() throws Exception {
    OCSPResp resp =
        TestOcspResponder.parse(
            PKI.ocspResponder().respond(request(PKI.foreignRoot(KeyType.AUTHENTICATION), BigInteger.ONE, false), NOW));
    assertThat(resp.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
  }

  @Test
  void server_postOcspAndGetCrl_loopback() throws Exception {
    try (TestOcspServer server =
        TestOcspServer.start(PKI, PKI.ocspResponder(), 0, Clock.fixed(NOW, ZoneOffset.UTC))) {
      assertThat(server.ocspUri().getHost()).isEqualTo("127.0.0.1");
      byte[] req = request(KeyType.SIGNATURE, TestPki.builtInPersonaSerial(KeyType.SIGNATURE, 4), true);
      HttpURLConnection c = (HttpURLConnection) new URL(server.ocspUri().toString()).openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/ocsp-request");
      c.getOutputStream().write(req);
      assertThat(c.getResponseCode()).isEqualTo(200);
      assertThat(c.getContentType()).isEqualTo("application/ocsp-response");
      byte[] body;
      try (InputStream in = c.getInputStream()) {
        body = in.readAllBytes();
      }
      assertThat(basic(body).getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
      assertThat(server.ocspRequestCount()).isEqualTo(1);

      String get = server.ocspUri() + "/" + java.net.URLEncoder.encode(
          java.util.Base64.getEncoder().encodeToString(req), java.nio.charset.StandardCharsets.US_ASCII);
      HttpURLConnection g = (HttpURLConnection) new URL(get).openConnection();
      try (InputStream in = g.getInputStream()) {
        assertThat(basic(in.readAllBytes()).getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
      }

      HttpURLConnection crlConn = (HttpURLConnection) new URL(server.crlUri(KeyType.AUTHENTICATION).toString()).openConnection();
      X509CRL crl;
      try (InputStream in = crlConn.getInputStream()) {
        crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
      }
      crl.verify(PKI.authRoot().getPublicKey());
      assertThat(crl.getThisUpdate().toInstant()).isEqualTo(NOW.minusSeconds(3600));

      HttpURLConnection missing = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + "/crl/x.crl").openConnection();
      assertThat(missing.getResponseCode()).isEqualTo(404);
    }
  }
}
