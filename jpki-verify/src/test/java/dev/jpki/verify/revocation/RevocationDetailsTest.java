// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestOcspResponder;
import dev.jpki.testkit.pki.TestOcspServer;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Fixtures;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Issue 10 finding 10 (JPKI-2026-010), the revocation details; each failed before its fix. */
class RevocationDetailsTest {
  private static final Instant NOW = TestPki.REFERENCE_TIME;
  private static final X509Certificate GOOD = Personas.get(Personas.DEFAULT).authCertificate();

  private static CrlIndex crlWith(BigInteger serial, CRLReason first, CRLReason second) throws Exception {
    return CrlIndex.parse(PKI.crlBuilder(KeyType.AUTHENTICATION).fresh(NOW).revoke(serial, NOW, first)
        .revoke(serial, NOW, second).build().getEncoded());
  }

  @Test
  void duplicateSerials_mostSevereReasonWins_inEitherOrderAndForShortAndLongSerials() throws Exception {
    for (BigInteger serial : new BigInteger[] {BigInteger.valueOf(0x1234_5678L),
        new BigInteger("0102030405060708090a0b0c0d0e0f10", 16)}) {
      assertThat(crlWith(serial, CRLReason.CERTIFICATE_HOLD, CRLReason.AA_COMPROMISE).revocationReason(serial))
          .contains(RevocationReason.AA_COMPROMISE);
      assertThat(crlWith(serial, CRLReason.AA_COMPROMISE, CRLReason.CERTIFICATE_HOLD).revocationReason(serial))
          .contains(RevocationReason.AA_COMPROMISE);
      assertThat(crlWith(serial, CRLReason.KEY_COMPROMISE, CRLReason.CERTIFICATE_HOLD).revocationReason(serial))
          .contains(RevocationReason.KEY_COMPROMISE);
      assertThat(crlWith(serial, CRLReason.CERTIFICATE_HOLD, CRLReason.KEY_COMPROMISE).revocationReason(serial))
          .contains(RevocationReason.KEY_COMPROMISE);
      assertThat(crlWith(serial, CRLReason.CERTIFICATE_HOLD, CRLReason.PRIVILEGE_WITHDRAWN).revocationReason(serial))
          .contains(RevocationReason.PRIVILEGE_WITHDRAWN);
    }
  }

  @Test
  void crlSignedByAnIssuerWithoutCrlSign_isNotUsed() throws Exception {
    X509Certificate root = PKI.authRoot();
    X509v3CertificateBuilder b = new X509v3CertificateBuilder(new JcaX509CertificateHolder(root));
    b.replaceExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    X509Certificate noCrlSign = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").build(PKI.rootKeyPair(KeyType.AUTHENTICATION).getPrivate())));
    RevocationSource src = RevocationSource.crl(CrlIndex.parse(PKI.crl(KeyType.AUTHENTICATION, NOW).getEncoded()));
    X509Certificate revoked = Personas.get(Personas.REVOKED).authCertificate();
    assertThat(src.check(revoked, root, NOW).kind()).isEqualTo(RevocationStatus.Kind.REVOKED);
    assertThat(src.check(revoked, noCrlSign, NOW).kind()).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);
  }

  @Test
  void ocspResponseDatedInTheFuture_isRefused() throws Exception {
    Clock tomorrow = Clock.offset(CLOCK, Duration.ofDays(1));
    TestOcspResponder responder = TestOcspResponder.builder(PKI).clock(tomorrow).build();
    try (TestOcspServer server = TestOcspServer.start(PKI, responder, 0, tomorrow)) {
      RevocationSource src = OcspRevocationSource.builder().responder(server.ocspUri()).build();
      VerificationResult r = Fixtures.validator(src).validate(GOOD);
      assertThat(r.status()).as(r.toString()).isEqualTo(Status.INDETERMINATE);
      assertThat(r.hasFailure(FailureCode.REVOCATION_UNAVAILABLE)).isTrue();
    }
  }

  @Test
  void ocspResponseWithinTheSkew_isAccepted() throws Exception {
    Clock soon = Clock.offset(CLOCK, Duration.ofMinutes(2));
    TestOcspResponder responder = TestOcspResponder.builder(PKI).clock(soon).build();
    try (TestOcspServer server = TestOcspServer.start(PKI, responder, 0, soon)) {
      RevocationSource src = OcspRevocationSource.builder().responder(server.ocspUri()).build();
      VerificationResult r = Fixtures.validator(src).validate(GOOD);
      assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    }
  }
}
