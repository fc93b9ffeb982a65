// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static dev.jpki.verify.Fixtures.cardSign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final X509Certificate SIGN_CERT = P.signCertificate().orElseThrow();
  private static final PrivateKey SIGN_KEY = P.signKeyPair().orElseThrow().getPrivate();
  private static final byte[] DOC = "申請書 2026".getBytes(StandardCharsets.UTF_8);
  private static final Date SIGNED_AT = Date.from(CLOCK.instant().minus(Duration.ofMinutes(5)));

  private final SignatureVerifier verifier = Fixtures.signatureVerifier(RevocationSource.crl(crl()));

  private static dev.jpki.verify.revocation.CrlIndex crl() {
    try {
      return dev.jpki.verify.revocation.CrlIndex.parse(PKI.crl(KeyType.SIGNATURE, CLOCK.instant()).getEncoded());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void verifyRaw_cardSignature_isValid() {
    VerificationResult r = verifier.verifyRaw(cardSign(SIGN_KEY, DOC), DOC, SIGN_CERT);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    assertThat(r.certificate()).contains(SIGN_CERT);
  }

  @Test
  void verifyRawDigest_prehashed_isValid() throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(DOC);
    assertThat(verifier.verifyRawDigest(cardSign(SIGN_KEY, DOC), hash, SIGN_CERT, List.of()).isValid()).isTrue();
    byte[] wrongLength = new byte[20];
    assertThat(verifier.verifyRawDigest(cardSign(SIGN_KEY, DOC), wrongLength, SIGN_CERT, List.of())
        .hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  @Test
  void verifyRaw_otherData_isInvalidDigestMismatch() {
    VerificationResult r = verifier.verifyRaw(cardSign(SIGN_KEY, DOC), "other".getBytes(), SIGN_CERT);
    CertificateValidatorTest.assertOnly(r, FailureCode.DIGEST_MISMATCH, -1);
  }

  @Test
  void verifyRaw_otherKey_isInvalidBadSignature() {
    PrivateKey other = P.authKeyPair().getPrivate();
    VerificationResult r = verifier.verifyRaw(cardSign(other, DOC), DOC, SIGN_CERT);
    CertificateValidatorTest.assertOnly(r, FailureCode.BAD_SIGNATURE, -1);
  }

  @Test
  void verifyRaw_truncatedSignature_isInvalidNotException() {
    byte[] sig = cardSign(SIGN_KEY, DOC);
    VerificationResult r = verifier.verifyRaw(java.util.Arrays.copyOf(sig, 100), DOC, SIGN_CERT);
    assertThat(r.status()).isEqualTo(Status.INVALID);
  }

  @Test
  void verifyRaw_revokedSigner_isInvalidRevoked() {
    Persona revoked = Personas.get(Personas.REVOKED);
    X509Certificate cert = revoked.signCertificate().orElseThrow();
    byte[] sig = cardSign(revoked.signKeyPair().orElseThrow().getPrivate(), DOC);
    VerificationResult r = verifier.verifyRaw(sig, DOC, cert);
    assertThat(r.hasFailure(FailureCode.REVOKED)).as(r.toString()).isTrue();
  }

  @Test
  void verifyCms_attached_isValidWithSigningTime() {
    byte[] cms = Cms.sign(DOC, SIGN_KEY, SIGN_CERT, true, true, SIGNED_AT);
    VerificationResult r = verifier.verifyCms(cms);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    assertThat(r.signingTime()).contains(SIGNED_AT.toInstant());
    assertThat(r.certificateType()).contains(KeyType.SIGNATURE);
  }

  @Test
  void verifyCms_detached_isValidOnlyWithItsContent() {
    byte[] cms = Cms.sign(DOC, SIGN_KEY, SIGN_CERT, false, true, SIGNED_AT);
    assertThat(verifier.verifyCms(cms, DOC).isValid()).isTrue();
    VerificationResult tampered = verifier.verifyCms(cms, "申請書 2027".getBytes(StandardCharsets.UTF_8));
    CertificateValidatorTest.assertOnly(tampered, FailureCode.DIGEST_MISMATCH, -1);
    assertThat(verifier.verifyCms(cms).hasFailure(FailureCode.CMS_PROFILE)).isTrue();
  }

  @Test
  void verifyCms_tamperedAttachedContent_isInvalid() {
    byte[] cms = Cms.sign(DOC, SIGN_KEY, SIGN_CERT, true, true, SIGNED_AT);
    byte[] needle = "2026".getBytes(StandardCharsets.UTF_8);
    int at = Fixtures.indexOf(cms, needle);
    assertThat(at).isPositive();
    cms[at + 3] = '7';
    VerificationResult r = verifier.verifyCms(cms);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  @Test
  void verifyCms_withoutSignedAttributes_isInvalidCmsProfile() {
    byte[] cms = Cms.sign(DOC, SIGN_KEY, SIGN_CERT, true, false, SIGNED_AT);
    CertificateValidatorTest.assertOnly(verifier.verifyCms(cms), FailureCode.CMS_PROFILE, -1);
  }

  @Test
  void verifyCms_signingTimeOutsideCertificateValidity_isInvalid() {
    Date before = Date.from(SIGN_CERT.getNotBefore().toInstant().minus(Duration.ofDays(1)));
    VerificationResult r = verifier.verifyCms(Cms.sign(DOC, SIGN_KEY, SIGN_CERT, true, true, before));
    CertificateValidatorTest.assertOnly(r, FailureCode.CMS_PROFILE, -1);
  }

  @Test
  void verifyCms_signerFromForeignCaWithSameDn_isInvalid() {
    var foreign = PKI.leaf(KeyType.SIGNATURE).issuedByForeignRoot().build();
    byte[] cms = Cms.sign(DOC, foreign.keyPair().getPrivate(), foreign.certificate(), true, true, SIGNED_AT);
    VerificationResult r = verifier.verifyCms(cms);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.UNTRUSTED_ISSUER) || r.hasFailure(FailureCode.BAD_CERTIFICATE_SIGNATURE))
        .isTrue();
  }

  @Test
  void verifyCms_garbage_isInvalidMalformed() {
    byte[] hostile = {0x30, (byte) 0x80, 0x30, (byte) 0x80, 0x30, (byte) 0x80};
    CertificateValidatorTest.assertOnly(verifier.verifyCms(hostile), FailureCode.MALFORMED_INPUT, -1);
    CertificateValidatorTest.assertOnly(verifier.verifyCms(new byte[0]), FailureCode.MALFORMED_INPUT, -1);
  }

  @Test
  void verifyCms_deepNesting_isRejectedQuickly() {
    byte[] deep = new byte[400_000];
    for (int i = 0; i < deep.length; i += 2) {
      deep[i] = 0x30;
      deep[i + 1] = (byte) 0x80;
    }
    long t = System.nanoTime();
    VerificationResult r = verifier.verifyCms(deep);
    assertThat(r.hasFailure(FailureCode.MALFORMED_INPUT)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void requiredType_authenticationCertificateForDocuments_isInvalid() {
    SignatureVerifier docs = SignatureVerifier.builder(Fixtures.validator(RevocationSource.none()))
        .certificateType(KeyType.SIGNATURE).build();
    byte[] sig = cardSign(P.authKeyPair().getPrivate(), DOC);
    VerificationResult r = docs.verifyRaw(sig, DOC, P.authCertificate());
    CertificateValidatorTest.assertOnly(r, FailureCode.PROFILE, 0);
  }
}
