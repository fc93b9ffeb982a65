// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link TestVerification}: what the virtual card produces verifies in one call, and only with it. */
class TestVerificationTest {
  private static final byte[] DOCUMENT = "申込書".getBytes(StandardCharsets.UTF_8);

  private record Signed(X509Certificate certificate, byte[] signature) {}

  private static Signed sign(Persona persona) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(DOCUMENT);
    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport());
        Pin password = Pin.signaturePassword(persona.signPassword().toCharArray())) {
      X509Certificate cert = card.jpki().signatureCertificate(password);
      return new Signed(cert, card.jpki().signHash(KeyType.SIGNATURE, HashAlgorithm.SHA256, hash));
    }
  }

  @Test
  void signatureOfTheDefaultPersona_valid() throws Exception {
    Signed s = sign(Personas.get(Personas.DEFAULT));
    VerificationResult r = TestVerification.forPersona(Personas.get(Personas.DEFAULT)).signatureVerifier()
        .verifyRaw(s.signature(), DOCUMENT, s.certificate());
    assertThat(r.status()).as(r.failures().toString()).isEqualTo(Status.VALID);
  }

  @Test
  void revokedPersona_invalidRevoked() throws Exception {
    Persona revoked = Personas.get(Personas.REVOKED);
    VerificationResult r = TestVerification.forPersona(revoked).certificateValidator()
        .validate(revoked.authCertificate());
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.failures()).extracting(f -> f.code()).contains(FailureCode.REVOKED);
  }

  @Test
  void fixedClock_checksAtThatInstant() {
    Clock at = Clock.fixed(TestPki.REFERENCE_TIME, ZoneOffset.UTC);
    TestVerification t = TestVerification.of(TestPki.get(), at);
    assertThat(t.clock()).isEqualTo(at);
    VerificationResult r = t.certificateValidator().validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.status()).as(r.failures().toString()).isEqualTo(Status.VALID);
    assertThat(r.verificationTime()).isEqualTo(TestPki.REFERENCE_TIME);
  }

  @Test
  void productionProfile_invalidPolicyNamingAcceptTestHierarchy() {
    TestVerification t = TestVerification.create();
    CertificateValidator production = CertificateValidator.builder().trustAnchors(t.trustAnchors())
        .revocation(t.revocation()).build();
    VerificationResult r = production.validate(Personas.get(Personas.DEFAULT).authCertificate());
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.failures()).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo(FailureCode.POLICY);
      assertThat(f.message()).contains("jpki-testkit test hierarchy", "acceptTestHierarchy()");
    });
  }

  @Test
  void revocationCrlTakesTheTestPkisX509Crls() {
    TestPki pki = TestPki.get();
    CertificateValidator v = CertificateValidator.builder().trustAnchors(TestVerification.create().trustAnchors())
        .acceptTestHierarchy()
        .revocation(RevocationSource.crl(pki.crl(KeyType.SIGNATURE, TestPki.REFERENCE_TIME),
            pki.crl(KeyType.AUTHENTICATION, TestPki.REFERENCE_TIME)))
        .clock(Clock.fixed(TestPki.REFERENCE_TIME, ZoneOffset.UTC))
        .build();
    assertThat(v.validate(Personas.get(Personas.REVOKED).authCertificate()).failures())
        .extracting(f -> f.code()).contains(FailureCode.REVOKED);
    assertThat(v.validate(Personas.get(Personas.DEFAULT).authCertificate()).status()).isEqualTo(Status.VALID);
  }

  @Test
  void loginWithTheDefaultPersona_valid_andBoundToTheOrigin() throws Exception {
    Persona persona = Personas.get(Personas.DEFAULT);
    LoginVerifier logins = TestVerification.forPersona(persona).loginVerifier("https://login.example.jp");
    Challenge challenge = logins.newChallenge("session-1");
    X509Certificate cert;
    byte[] signature;
    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport());
        Pin pin = Pin.authentication(persona.authPin().toCharArray())) {
      card.jpki().verify(pin);
      cert = card.jpki().authCertificate();
      signature = card.jpki().signLogin("https://login.example.jp/start", challenge.value());
    }

    LoginResult result = logins.verify(challenge.encoded(), signature, cert.getEncoded());

    assertThat(result.verification().status()).as(result.verification().failures().toString())
        .isEqualTo(Status.VALID);
    assertThat(result.session()).contains("session-1");
  }
}
