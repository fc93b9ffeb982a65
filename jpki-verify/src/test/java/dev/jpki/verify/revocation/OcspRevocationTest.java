// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.OcspSigner;
import dev.jpki.testkit.pki.TestOcspResponder;
import dev.jpki.testkit.pki.TestOcspServer;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Fixtures;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OcspRevocationTest {
  private static final X509Certificate GOOD = Personas.get(Personas.DEFAULT).authCertificate();
  private static final X509Certificate REVOKED = Personas.get(Personas.REVOKED).authCertificate();

  private static VerificationResult check(TestOcspResponder responder, X509Certificate cert,
      OcspRevocationSource.Builder options) throws Exception {
    return check(responder, cert, options, CLOCK);
  }

  private static VerificationResult check(TestOcspResponder responder, X509Certificate cert,
      OcspRevocationSource.Builder options, Clock serverClock) throws Exception {
    try (TestOcspServer server = TestOcspServer.start(PKI, responder, 0, serverClock)) {
      RevocationSource src = options.responder(server.ocspUri()).build();
      return Fixtures.validator(src).validate(cert);
    }
  }

  private static VerificationResult check(TestOcspResponder responder, X509Certificate cert) throws Exception {
    return check(responder, cert, OcspRevocationSource.builder());
  }

  @Test
  void good_fromAuthorizedResponder_isValid() throws Exception {
    VerificationResult r = check(TestOcspResponder.builder(PKI).clock(CLOCK).build(), GOOD);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
  }

  @Test
  void good_signedByCaItself_isValid() throws Exception {
    VerificationResult r = check(TestOcspResponder.builder(PKI).clock(CLOCK).signer(OcspSigner.CA).build(), GOOD);
    assertThat(r.isValid()).as(r.toString()).isTrue();
  }

  @Test
  void revoked_isInvalidWithReason() throws Exception {
    VerificationResult r = check(TestOcspResponder.builder(PKI).clock(CLOCK).build(), REVOKED);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.failures().get(0).revocationReason()).contains(RevocationReason.KEY_COMPROMISE);
  }

  @Test
  void unknown_isIndeterminate() throws Exception {
    TestOcspResponder responder = TestOcspResponder.builder(PKI).clock(CLOCK)
        .status(KeyType.AUTHENTICATION, GOOD.getSerialNumber(), TestOcspResponder.Status.UNKNOWN).build();
    VerificationResult r = check(responder, GOOD);
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.hasFailure(FailureCode.REVOCATION_UNKNOWN)).isTrue();
  }

  @Test
  void unauthorizedResponder_isIndeterminate() throws Exception {
    VerificationResult r = check(TestOcspResponder.builder(PKI).clock(CLOCK).signer(OcspSigner.UNAUTHORIZED)
        .build(), REVOKED);
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.hasFailure(FailureCode.REVOCATION_UNAVAILABLE)).isTrue();
  }

  @Test
  void responderWithoutOcspSigning_isIndeterminate() throws Exception {
    VerificationResult r = check(TestOcspResponder.builder(PKI).clock(CLOCK)
        .signer(OcspSigner.RESPONDER_WITHOUT_OCSP_SIGNING).build(), GOOD);
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
  }

  @Test
  void staleResponse_isIndeterminate() throws Exception {
    Clock old = Clock.fixed(TestPki.REFERENCE_TIME.minus(Duration.ofDays(3)), ZoneOffset.UTC);
    VerificationResult r = check(TestOcspResponder.builder(PKI).clock(old).validity(Duration.ofHours(1)).build(),
        GOOD, OcspRevocationSource.builder(), old);
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.failures().get(0).message()).contains("stale");
  }

  @Test
  void missingNonce_whenRequired_isIndeterminate() throws Exception {
    TestOcspResponder noEcho = TestOcspResponder.builder(PKI).clock(CLOCK).echoNonce(false).build();
    assertThat(check(noEcho, GOOD, OcspRevocationSource.builder().requireNonce(true)).status())
        .isEqualTo(Status.INDETERMINATE);
    assertThat(check(noEcho, GOOD, OcspRevocationSource.builder()).status()).isEqualTo(Status.VALID);
  }

  @Test
  void replayedResponseWithOtherNonce_isIndeterminate() throws Exception {
    // a man in the middle answers with a (validly signed) response made for another request's nonce
    TestOcspResponder responder = TestOcspResponder.builder(PKI).clock(CLOCK).build();
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/ocsp", ex -> {
      try {
        org.bouncycastle.cert.ocsp.OCSPReq req = new org.bouncycastle.cert.ocsp.OCSPReq(
            ex.getRequestBody().readAllBytes());
        org.bouncycastle.cert.ocsp.OCSPReqBuilder b = new org.bouncycastle.cert.ocsp.OCSPReqBuilder();
        for (org.bouncycastle.cert.ocsp.Req r : req.getRequestList()) {
          b.addRequest(r.getCertID());
        }
        b.setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(new org.bouncycastle.asn1.x509.Extension(
            org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
            new org.bouncycastle.asn1.DEROctetString(new org.bouncycastle.asn1.DEROctetString(new byte[16])
                .getEncoded()))));
        byte[] resp = responder.respond(b.build().getEncoded(), CLOCK.instant());
        ex.sendResponseHeaders(200, resp.length);
        ex.getResponseBody().write(resp);
      } catch (Exception e) {
        ex.sendResponseHeaders(500, -1);
      } finally {
        ex.close();
      }
    });
    http.start();
    try {
      RevocationSource src = OcspRevocationSource.builder()
          .responder(java.net.URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/ocsp")).build();
      RevocationStatus s = src.check(GOOD, PKI.authRoot(), CLOCK.instant());
      assertThat(s.kind()).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);
      assertThat(s.detail()).contains("nonce");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void unreachableResponder_isIndeterminate() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RevocationSource src = OcspRevocationSource.builder()
        .responder(java.net.URI.create("http://127.0.0.1:" + port + "/ocsp")).timeout(Duration.ofSeconds(2)).build();
    VerificationResult r = Fixtures.validator(src).validate(GOOD);
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
  }

  @Test
  void cache_secondCheckWithinValidity_sendsNoRequest() throws Exception {
    try (TestOcspServer server = TestOcspServer.start(PKI, TestOcspResponder.builder(PKI).clock(CLOCK).build(), 0,
        CLOCK)) {
      RevocationSource src = OcspRevocationSource.builder().responder(server.ocspUri()).build();
      assertThat(src.check(GOOD, PKI.authRoot(), CLOCK.instant()).kind()).isEqualTo(RevocationStatus.Kind.GOOD);
      assertThat(src.check(GOOD, PKI.authRoot(), CLOCK.instant().plusSeconds(60)).kind())
          .isEqualTo(RevocationStatus.Kind.GOOD);
      assertThat(server.ocspRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void fromCertificate_usesAiaUrl() throws Exception {
    TestPki pki;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      pki = TestPki.forPort(s.getLocalPort());
    }
    X509Certificate leaf = pki.leaf(KeyType.AUTHENTICATION).build().certificate();
    try (TestOcspServer server = TestOcspServer.start(pki, TestOcspResponder.builder(pki).clock(CLOCK).build(),
        pki.revocationPort(), CLOCK)) {
      VerificationResult r = Fixtures.validator(RevocationSource.fromCertificate()).validate(leaf);
      assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
      assertThat(server.ocspRequestCount()).isEqualTo(1);
    }
  }
}
