// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static dev.jpki.verify.flow.FlowFixtures.CLOCK;
import static dev.jpki.verify.flow.FlowFixtures.PKI;
import static dev.jpki.verify.flow.FlowFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.LastTryRefusedException;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.PinBlockedException;
import dev.jpki.card.VerifyOption;
import dev.jpki.card.WrongPinException;
import dev.jpki.card.flow.AgeCheck;
import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.card.flow.Evidence;
import dev.jpki.card.flow.OcrFields;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import dev.jpki.verify.card.CardDataVerifier;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Each bad input of the age flow gives its own typed answer and never an age. */
class AgeBadInputTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);

  private static byte[] collectFace(Persona p, byte[] challenge) throws Exception {
    try (MyNumberCard card = open(p); Pin b = Pin.verificationCodeB(p.pinB().toCharArray())) {
      return AgeCheck.collect(card, b, challenge).toBytes();
    }
  }

  private static byte[] collectDobKey(Persona p, byte[] challenge) throws Exception {
    try (MyNumberCard card = open(p); Pin k = Pin.dateOfBirthKey(p.dobKey().toCharArray())) {
      return AgeCheck.collect(card, k, challenge).toBytes();
    }
  }

  @Test
  void wrongVerificationCodeB_countsDownThenRefusesLastTryThenBlocks() throws Exception {
    char[] wrong = "02051520349999".toCharArray();
    try (MyNumberCard card = open(P)) {
      byte[] challenge = new byte[32];
      for (int left = 9; left >= 1; left--) {
        try (Pin b = Pin.verificationCodeB(wrong)) {
          int expected = left;
          assertThatThrownBy(() -> AgeCheck.collect(card, b, challenge))
              .isInstanceOfSatisfying(WrongPinException.class, e -> assertThat(e.remainingAttempts()).isEqualTo(expected));
        }
      }
      try (Pin b = Pin.verificationCodeB(wrong)) {
        assertThatThrownBy(() -> AgeCheck.collect(card, b, challenge))
            .isInstanceOf(LastTryRefusedException.class);
        assertThatThrownBy(() -> AgeCheck.collect(card, b, challenge, VerifyOption.ALLOW_LAST_TRY))
            .isInstanceOfAny(WrongPinException.class, PinBlockedException.class);
      }
      try (Pin right = Pin.verificationCodeB(P.pinB().toCharArray())) {
        assertThatThrownBy(() -> AgeCheck.collect(card, right, challenge, VerifyOption.ALLOW_LAST_TRY))
            .isInstanceOf(PinBlockedException.class);
      }
    }
  }

  @Test
  void replayedEvidenceIsRefused() throws Exception {
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    byte[] wire = collectFace(P, c);
    assertThat(v.verify(wire, c, EvidenceKind.AGE_CARD_FACE, null).status()).isEqualTo(Status.VALID);
    AgeResult replay = v.verify(wire, c, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(replay.status()).isEqualTo(Status.INVALID);
    assertThat(replay.hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
    assertThat(replay.age()).isEmpty();
  }

  @Test
  void foreignChallengeIsRefused() throws Exception {
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] issued = v.newChallenge();
    byte[] foreign = FlowFixtures.ageVerifier().newChallenge(); // another verifier's challenge
    AgeResult r = v.verify(collectFace(P, foreign), issued, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(r.hasFailure(FailureCode.CHALLENGE_UNKNOWN)).as(r.toString()).isTrue();
    assertThat(r.age()).isEmpty();
    AgeResult notIssued = v.verify(collectFace(P, foreign), foreign, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(notIssued.hasFailure(FailureCode.CHALLENGE_UNKNOWN)).as(notIssued.toString()).isTrue();
  }

  @Test
  void forgedCardFaceIsNotGenuine() throws Exception {
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    byte[] wire = collectFace(P, c);
    byte[] face = FlowFixtures.field(wire, 6);
    // the DF22 birth date is the first value after the offset table: make the holder older
    int at = indexOf(face, "19900515".getBytes(StandardCharsets.US_ASCII));
    face[at + 2] = '0'; // 1900-05-15
    AgeResult r = v.verify(FlowFixtures.replaceField(wire, 6, face), c, EvidenceKind.AGE_CARD_FACE, 18);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.BAD_SIGNATURE)).as(r.toString()).isTrue();
    assertThat(r.age()).isEmpty();
    assertThat(r.meetsMinimum()).contains(false);
  }

  @Test
  void forgedAgeRecordIsNotGenuine() throws Exception {
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    byte[] wire = collectDobKey(P, c);
    byte[] rec = FlowFixtures.field(wire, 7);
    int at = indexOf(rec, "19900515".getBytes(StandardCharsets.US_ASCII));
    rec[at + 2] = '0'; // 1900-05-15
    AgeResult r = v.verify(FlowFixtures.replaceField(wire, 7, rec), c, EvidenceKind.AGE_DATE_OF_BIRTH_KEY, null);
    assertThat(r.hasFailure(FailureCode.BAD_SIGNATURE)).as(r.toString()).isTrue();
    assertThat(r.age()).isEmpty();
  }

  @Test
  void livenessSignatureFromAnotherCardFails() throws Exception {
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    byte[] wire = collectFace(P, c);
    byte[] otherSig = FlowFixtures.field(collectFace(Personas.get(Personas.MINOR), c), 2);
    AgeResult r = v.verify(FlowFixtures.replaceField(wire, 2, otherSig), c, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(r.hasFailure(FailureCode.LIVENESS_FAILED)).as(r.toString()).isTrue();
    assertThat(r.age()).isEmpty();
  }

  @Test
  void cvcThatDoesNotChainIsInvalid() throws Exception {
    AgeVerifier v = AgeVerifier.builder()
        .cardData(CardDataVerifier.builder().issuerKey("6000023/001", PKI.textApCvcCaPublicKey()).clock(CLOCK).build())
        .challenges(FlowChallenges.inMemory(CLOCK))
        .build();
    byte[] c = v.newChallenge();
    AgeResult r = v.verify(collectFace(P, c), c, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.BAD_SIGNATURE)).as(r.toString()).isTrue();
  }

  @Test
  void unknownIssuerKeyIsIndeterminateAndSaysWhereToGetIt() throws Exception {
    AgeVerifier v = AgeVerifier.builder()
        .cardData(CardDataVerifier.builder().issuerKey("5000023/001", PKI.visualApCvcCaPublicKey()).clock(CLOCK).build())
        .challenges(FlowChallenges.inMemory(CLOCK))
        .build();
    byte[] c = v.newChallenge();
    AgeResult r = v.verify(collectFace(P, c), c, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FailureCode.UNKNOWN_ISSUER_KEY);
      assertThat(f.message()).contains("issuer key 6000023/001 not configured — obtain it from J-LIS");
    });
    assertThat(r.age()).isEmpty();
  }

  @Test
  void ocrBirthDateDifferentFromChipIsRefused() throws Exception {
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    byte[] wire;
    try (MyNumberCard card = open(P)) {
      wire = AgeCheck.collectOcr(card, OcrFields.of("平成2年5月15日", "2034", "5678".toCharArray()), c).toBytes();
    }
    // a reader that lies about what the OCR saw
    byte[] lied = FlowFixtures.replaceField(wire, 9, "19800515".getBytes(StandardCharsets.US_ASCII));
    AgeResult r = v.verify(lied, c, EvidenceKind.AGE_OCR, null);
    assertThat(r.hasFailure(FailureCode.OCR_MISMATCH)).as(r.toString()).isTrue();
    assertThat(r.age()).isEmpty();
  }

  @Test
  void misreadOcrDigitsAreRefusedByTheCardWithTriesLeft() throws Exception {
    try (MyNumberCard card = open(P)) {
      OcrFields misread = OcrFields.of("平成2年5月16日", "2034", "5678".toCharArray());
      assertThatThrownBy(() -> AgeCheck.collectOcr(card, misread, new byte[32]))
          .isInstanceOfSatisfying(WrongPinException.class, e -> assertThat(e.remainingAttempts()).isEqualTo(9));
    }
  }

  @Test
  void evidenceOfAnotherPatternAndGarbageAreRefused() throws Exception {
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    AgeResult r = v.verify(collectFace(P, c), c, EvidenceKind.AGE_DATE_OF_BIRTH_KEY, null);
    assertThat(r.hasFailure(FailureCode.MALFORMED_INPUT)).isTrue();
    byte[] c2 = v.newChallenge();
    AgeResult g = v.verify(new byte[] {'J', 'E', 1, 2, 9, 0}, c2, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(g.hasFailure(FailureCode.MALFORMED_INPUT)).isTrue();
  }

  @Test
  void expiredCardIsRefusedInTheCardFacePattern() throws Exception {
    Persona old = Persona.builder("old-card")
        .name("試験　太郎").address("東京都千代田区霞が関１－１－１").sex(dev.jpki.card.Sex.MALE)
        .myNumber("123456789018")
        .birthDate(LocalDate.of(1980, 4, 1))
        .cardIssued(LocalDate.of(2016, 1, 15))
        .securityCode("2468")
        .build();
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    AgeResult r = v.verify(collectFace(old, c), c, EvidenceKind.AGE_CARD_FACE, null);
    assertThat(old.cardExpiry()).isBefore(FlowFixtures.TODAY);
    assertThat(r.hasFailure(FailureCode.CARD_EXPIRED)).as(r.toString()).isTrue();
    assertThat(r.age()).isEmpty();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void evidenceSurvivesSerialisation() throws Exception {
    byte[] c = new byte[32];
    try (MyNumberCard card = open(P); Pin b = Pin.verificationCodeB(P.pinB().toCharArray())) {
      Evidence e = AgeCheck.collect(card, b, c);
      assertThat(Evidence.fromBytes(e.toBytes())).isEqualTo(e);
      assertThat(e.toString()).doesNotContain("1990").contains("cardFace");
    }
  }

  @Test
  void aCredentialOfNoAgePatternAndANonAgeKindAreRefusedBeforeAnything() throws Exception {
    try (MyNumberCard card = open(P); Pin auth = Pin.authentication("1234".toCharArray())) {
      assertThatThrownBy(() -> AgeCheck.collect(card, auth, new byte[32]))
          .isInstanceOf(IllegalArgumentException.class);
    }
    AgeVerifier v = FlowFixtures.ageVerifier();
    byte[] c = v.newChallenge();
    assertThatThrownBy(() -> v.verify(new byte[4], c, EvidenceKind.FACE_TO_FACE, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
