// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.verify.Fixtures;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 10 (JPKI-2026-010): a delegated OCSP responder certificate was accepted on its
 * extendedKeyUsage alone; its keyUsage and critical extensions were not looked at.
 */
class OcspDelegatedResponderTest {
  private static final X509Certificate GOOD = Personas.get(Personas.DEFAULT).authCertificate();
  private static final KeyPair RESPONDER_KEYS = keys();

  private static KeyPair keys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A responder certificate from the auth root with id-kp-OCSPSigning and the given keyUsage/extra extension. */
  private static X509Certificate responder(int keyUsage, boolean unknownCritical) throws Exception {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(PKI.authRoot().getSubjectX500Principal().getEncoded()), BigInteger.valueOf(77),
        Date.from(CLOCK.instant().minus(Duration.ofDays(1))), Date.from(CLOCK.instant().plus(Duration.ofDays(30))),
        new X500Name("C=JP, O=JPKI, CN=delegated responder"), RESPONDER_KEYS.getPublic());
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    if (unknownCritical) {
      b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"), true, DERNull.INSTANCE);
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").build(PKI.rootKeyPair(KeyType.AUTHENTICATION).getPrivate())));
  }

  private static byte[] response(X509Certificate responder) throws Exception {
    X509CertificateHolder holder = new JcaX509CertificateHolder(responder);
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new JcaX509CertificateHolder(PKI.authRoot()), GOOD.getSerialNumber());
    BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(holder.getSubject()));
    b.addResponse(id, CertificateStatus.GOOD, Date.from(CLOCK.instant().minus(Duration.ofMinutes(5))),
        Date.from(CLOCK.instant().plus(Duration.ofHours(1))));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, b.build(
        new JcaContentSignerBuilder("SHA256withRSA").build(RESPONDER_KEYS.getPrivate()),
        new X509CertificateHolder[] {holder}, Date.from(CLOCK.instant().minus(Duration.ofMinutes(5)))))
        .getEncoded();
  }

  private static VerificationResult check(X509Certificate responder) throws Exception {
    byte[] answer = response(responder);
    assertThat(new OCSPResp(answer).getStatus()).isZero();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        in.readAllBytes();
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
      } finally {
        ex.close();
      }
    });
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      return Fixtures.validator(OcspRevocationSource.builder().responder(uri).build()).validate(GOOD);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void properDelegatedResponder_isAccepted() throws Exception {
    VerificationResult r = check(responder(KeyUsage.digitalSignature, false));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
  }

  @Test
  void responderWhoseKeyUsageLacksDigitalSignature_isRefused() throws Exception {
    VerificationResult r = check(responder(KeyUsage.keyEncipherment, false));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.INDETERMINATE);
  }

  @Test
  void responderWithAnUnknownCriticalExtension_isRefused() throws Exception {
    VerificationResult r = check(responder(KeyUsage.digitalSignature, true));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.INDETERMINATE);
  }
}
