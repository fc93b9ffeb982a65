// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.card.KeyType;
import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.cardSign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 4, document half (JPKI-2026-004): a signature made with the user-authentication key was a
 * VALID document signature by default. The authentication certificate proves card possession at login and
 * carries no identity; documents are signed with the signature certificate.
 */
class DocumentSignatureTypeTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final byte[] DOC = "委任状".getBytes(StandardCharsets.UTF_8);

  private final SignatureVerifier byDefault = SignatureVerifier.builder(Fixtures.validator(RevocationSource.none())).build();

  @Test
  void rawSignatureWithTheAuthenticationKey_isNotADocumentSignatureByDefault() {
    byte[] sig = cardSign(P.authKeyPair().getPrivate(), DOC);
    VerificationResult r = byDefault.verifyRaw(sig, DOC, P.authCertificate());
    CertificateValidatorTest.assertOnly(r, FailureCode.PROFILE, 0);
    assertThat(r.certificateType()).contains(KeyType.AUTHENTICATION);
  }

  @Test
  void cmsSignedWithTheAuthenticationKey_isNotADocumentSignatureByDefault() {
    byte[] cms = Cms.sign(DOC, P.authKeyPair().getPrivate(), P.authCertificate(), true, true,
        Date.from(CLOCK.instant().minusSeconds(60)));
    CertificateValidatorTest.assertOnly(byDefault.verifyCms(cms), FailureCode.PROFILE, 0);
  }

  @Test
  void signatureCertificate_isStillValidByDefault() {
    byte[] sig = cardSign(P.signKeyPair().orElseThrow().getPrivate(), DOC);
    VerificationResult r = byDefault.verifyRaw(sig, DOC, P.signCertificate().orElseThrow());
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
  }
}
