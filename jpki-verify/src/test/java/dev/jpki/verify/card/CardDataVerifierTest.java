// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.card;

import dev.jpki.verify.internal.CardVerifiableCertificate;
import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TextApData;
import dev.jpki.testkit.pki.VisualApData;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Fixtures;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CardDataVerifierTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final TextApData TEXT = P.textAp().orElseThrow();
  private static final VisualApData VISUAL = P.visualAp().orElseThrow();

  private final CardDataVerifier verifier = CardDataVerifier.builder()
      .issuerKey("6000033/001", PKI.textApCvcCaPublicKey())
      .issuerKey("6000023/001", PKI.visualApCvcCaPublicKey())
      .clock(CLOCK)
      .build();

  @Test
  void cvc_parse_readsKeyIdsAndKey() throws Exception {
    CardVerifiableCertificate cvc = CardVerifiableCertificate.parse(TEXT.certificateFile());
    assertThat(TEXT.certificateFile()).hasSize(568);
    assertThat(cvc.issuerKeyIdText()).isEqualTo("6000033/001");
    assertThat(cvc.publicKey()).isEqualTo(PKI.textApIssuerPublicKey());
    assertThat(cvc.body()).hasSize(297);
  }

  @Test
  void verifyCvc_configuredIssuer_isValid_unknownIssuer_isIndeterminate() {
    assertThat(verifier.verifyCvc(TEXT.certificateFile()).isValid()).isTrue();
    CardDataVerifier textOnly = CardDataVerifier.builder().issuerKey("6000033/001", PKI.textApCvcCaPublicKey())
        .build();
    VerificationResult r = textOnly.verifyCvc(VISUAL.certificateFile());
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.failures()).extracting(Failure::code).containsExactly(FailureCode.UNKNOWN_ISSUER_KEY);
  }

  @Test
  void verifyCvc_wrongIssuerKey_isInvalid() {
    CardDataVerifier wrong = CardDataVerifier.builder().issuerKey("6000033/001", PKI.visualApCvcCaPublicKey())
        .build();
    assertThat(wrong.verifyCvc(TEXT.certificateFile()).hasFailure(FailureCode.BAD_SIGNATURE)).isTrue();
  }

  @Test
  void verifyCvc_flippedBodyByte_isInvalid() {
    byte[] cvc = TEXT.certificateFile();
    cvc[100] ^= 1;
    assertThat(verifier.verifyCvc(cvc).status()).isEqualTo(Status.INVALID);
  }

  @Test
  void verifyTextAp_genuine_isValid_withAndWithoutMyNumberFile() {
    VerificationResult r = verifier.verifyTextAp(TEXT.certificateFile(), TEXT.myNumberFile(), TEXT.attributesFile(),
        TEXT.integrityFile());
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    assertThat(verifier.verifyTextAp(TEXT.certificateFile(), null, TEXT.attributesFile(), TEXT.integrityFile())
        .isValid()).isTrue();
  }

  @Test
  void verifyTextAp_tamperedPersona_isInvalidDigestMismatch() {
    TextApData t = Personas.get(Personas.TAMPERED).textAp().orElseThrow();
    VerificationResult r = verifier.verifyTextAp(t.certificateFile(), t.myNumberFile(), t.attributesFile(),
        t.integrityFile());
    assertThat(r.failures()).extracting(Failure::code).containsExactly(FailureCode.DIGEST_MISMATCH);
    assertThat(r.failures().get(0).message()).doesNotContain(Personas.TAMPERED_ADDRESS);
  }

  @Test
  void verifyTextAp_otherMyNumber_isInvalid() {
    byte[] myNumber = TEXT.myNumberFile();
    myNumber[5] = (byte) (myNumber[5] == '1' ? '2' : '1');
    VerificationResult r = verifier.verifyTextAp(TEXT.certificateFile(), myNumber, TEXT.attributesFile(),
        TEXT.integrityFile());
    assertThat(r.hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  @Test
  void verifyTextApKey_andLiveness_withTextCardKey() throws Exception {
    assertThat(verifier.verifyTextApKey(TEXT.certificateFile(), TEXT.signedPublicKeyFile()).isValid()).isTrue();
    PrivateKey cardKey = P.textCardKeyPair().orElseThrow().getPrivate();
    byte[] challenge = random(32);
    VerificationResult live = verifier.verifyLiveness(CardDataVerifier.textApCardKey(TEXT.signedPublicKeyFile()),
        challenge, Fixtures.cardSign(cardKey, challenge));
    assertThat(live.isValid()).isTrue();
  }

  @Test
  void verifyCardFace_genuine_isValid_andKeyProvesLiveness() throws Exception {
    VerificationResult r = verifier.verifyCardFace(VISUAL.certificateFile(), VISUAL.cardFaceFile());
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    // values come from the card API's parser; the verifier accepts its objects too
    dev.jpki.card.CardFace face = dev.jpki.card.CardFace.parse(VISUAL.cardFaceFile());
    assertThat(verifier.verifyCardFace(VISUAL.certificateFile(), face).isValid()).isTrue();
    byte[] challenge = random(32);
    byte[] sig = Fixtures.cardSign(P.visualCardKeyPair().orElseThrow().getPrivate(), challenge);
    assertThat(verifier.verifyLiveness(face.cardPublicKey(), challenge, sig).isValid()).isTrue();
    // a copied file answered by another chip: the signature does not match the card key
    byte[] otherChip = Fixtures.cardSign(P.authKeyPair().getPrivate(), challenge);
    assertThat(verifier.verifyLiveness(face.cardPublicKey(), challenge, otherChip).hasFailure(FailureCode.BAD_SIGNATURE))
        .isTrue();
    // replaying an answer to another challenge fails too
    assertThat(verifier.verifyLiveness(face.cardPublicKey(), random(32), sig).isValid()).isFalse();
  }

  @Test
  void verifyCardFace_photoByteChanged_isInvalid() throws Exception {
    byte[] f = VISUAL.cardFaceFile();
    byte[] photo = dev.jpki.card.CardFace.parse(f).photo();
    int at = Fixtures.indexOf(f, photo) + photo.length / 2;
    f[at] ^= 0x40;
    assertThat(verifier.verifyCardFace(VISUAL.certificateFile(), f).failures()).extracting(Failure::code)
        .containsExactly(FailureCode.BAD_SIGNATURE);
  }

  @Test
  void verifyAgeRecord_genuine_isValid_andGivesAge() throws Exception {
    VerificationResult r = verifier.verifyAgeRecord(VISUAL.certificateFile(), VISUAL.ageRecordFile());
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
    dev.jpki.card.AgeRecord rec = dev.jpki.card.AgeRecord.parse(VISUAL.ageRecordFile());
    assertThat(verifier.verifyAgeRecord(VISUAL.certificateFile(), rec).isValid()).isTrue();
    LocalDate dob = LocalDate.of(rec.birthDate().year(), rec.birthDate().month(), rec.birthDate().day());
    assertThat(dob).isEqualTo(P.birthDate());
    assertThat(rec.cardPublicKey()).isEqualTo(dev.jpki.card.CardFace.parse(VISUAL.cardFaceFile()).cardPublicKey());
  }

  @Test
  void verifyAgeRecord_dateChanged_isInvalid() {
    byte[] rec = VISUAL.ageRecordFile();
    int at = Fixtures.indexOf(rec, "1990".getBytes());
    rec[at + 3] = '1'; // 1991: a year younger
    assertThat(verifier.verifyAgeRecord(VISUAL.certificateFile(), rec).hasFailure(FailureCode.BAD_SIGNATURE)).isTrue();
  }

  @Test
  void malformedFiles_areInvalidMalformed() {
    byte[] cvc = VISUAL.certificateFile();
    assertThat(verifier.verifyAgeRecord(cvc, new byte[] {(byte) 0xFF, 0x10, (byte) 0x82, 0x7F, 0x7F})
        .failures()).extracting(Failure::code).containsExactly(FailureCode.MALFORMED_INPUT);
    assertThat(verifier.verifyCardFace(Arrays.copyOf(cvc, 300), VISUAL.cardFaceFile()).failures())
        .extracting(Failure::code).containsExactly(FailureCode.MALFORMED_INPUT);
    assertThat(verifier.verifyTextAp(TEXT.certificateFile(), null, new byte[0], TEXT.integrityFile())
        .hasFailure(FailureCode.MALFORMED_INPUT)).isTrue();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
