// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.Test;

class VisualAppletTest {
  private final FakeCard fake = Fixtures.defaultCard();
  private final MyNumberCard card = MyNumberCard.open(fake);
  private final RSAPrivateCrtKey cardKey = (RSAPrivateCrtKey) Fixtures.key("card");

  @Test
  void cardFace_withVerificationCodeB_decodesEveryObject() throws Exception {
    CardFace face;
    try (Pin b = Pin.verificationCodeB(chars("02051520345678"))) {
      face = card.visual().cardFace(b);
    }
    assertThat(face.birthDate()).isEqualTo(CardDate.of(1990, 5, 15));
    assertThat(face.sex()).isEqualTo(Sex.FEMALE);
    assertThat(face.expiryDate()).isEqualTo(CardDate.of(2034, 5, 15));
    assertThat(face.cardPublicKey().getModulus()).isEqualTo(cardKey.getModulus());
    assertThat(face.cardPublicKey().getPublicExponent()).isEqualTo(cardKey.getPublicExponent());
    assertThat(face.photo()).isEqualTo(Fixtures.PHOTO);
    assertThat(face.nameImage()).isEqualTo(Fixtures.NAME_PNG);
    assertThat(face.addressImage()).isEqualTo(Fixtures.ADDRESS_PNG);
    assertThat(face.securityCodeImage()).isEqualTo(Fixtures.CODE_PNG);
    assertThat(face.signature()).isEqualTo(Fixtures.ISSUER_SIGNATURE);
    assertThat(face.encoded()).isEqualTo(Fixtures.cardFaceTlv(cardKey));
    assertThat(face.toString()).isEqualTo("CardFace[<redacted>]");
  }

  @Test
  void cardFace_withVerificationCodeA_works() throws Exception {
    try (Pin a = Pin.verificationCodeA(chars("123456789018"))) {
      assertThat(card.visual().cardFace(a).sex()).isEqualTo(Sex.FEMALE);
    }
  }

  @Test
  void cardFace_withoutCredential_refusedNamingWhatOpensIt() {
    assertThatThrownBy(() -> card.visual().cardFace())
        .isInstanceOf(SecurityStatusException.class)
        .hasMessageContaining("visual AP EF 0002").hasMessageContaining("verification code A or B");
  }

  @Test
  void cardFace_dateOfBirthKey_isNotAccepted() {
    try (Pin dob = Pin.dateOfBirthKey(chars("020515"))) {
      assertThatThrownBy(() -> card.visual().cardFace(dob)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(fake.count()).isZero();
  }

  @Test
  void ageRecord_withDateOfBirthKeyFromDate_decodes() throws Exception {
    AgeRecord rec;
    try (Pin dob = Pin.dateOfBirthKey(CardDate.of(1990, 5, 15))) {
      rec = card.visual().ageRecord(dob);
    }
    assertThat(rec.birthDate()).isEqualTo(CardDate.of(1990, 5, 15));
    assertThat(rec.cardPublicKey().getModulus()).isEqualTo(cardKey.getModulus());
    assertThat(rec.signature()).isEqualTo(Fixtures.ISSUER_SIGNATURE);
    assertThat(rec.encoded()).isEqualTo(Fixtures.ageRecordTlv(cardKey));
    assertThat(rec.toString()).doesNotContain("1990");
  }

  @Test
  void signChallenge_liveness_verifiesWithTheFaceKey() throws Exception {
    CardFace face;
    try (Pin b = Pin.verificationCodeB(chars("02051520345678"))) {
      face = card.visual().cardFace(b);
    }
    byte[] challenge = new byte[32];
    new java.security.SecureRandom().nextBytes(challenge);
    byte[] sig = card.visual().signChallenge(challenge);
    assertThat(face.isChallengeSignatureValid(challenge, sig)).isTrue();
    byte[] other = challenge.clone();
    other[0] ^= 1;
    assertThat(face.isChallengeSignatureValid(other, sig)).isFalse();
    assertThat(fake.log().get(fake.count() - 1)).startsWith("802A000033"); // DigestInfo(SHA-256), 51 bytes
  }

  @Test
  void signChallenge_empty_rejectedBeforeAnyApdu() {
    assertThatThrownBy(() -> card.visual().signChallenge(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.count()).isZero();
  }

  @Test
  void parse_offsetTableWrong_malformed() {
    byte[] file = Fixtures.cardFaceTlv(cardKey);
    byte[] bad = file.clone();
    // FF 20 82 LL LL | DF 21 12 | 9 offsets: the photo's (DF27, 6th) is at bytes 18-19
    bad[19] ^= 0x01;
    assertThatThrownBy(() -> CardFace.parse(bad))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("visual AP EF 0002 at offset 18").hasMessageContaining("DF27");
  }

  @Test
  void parse_badKey_malformed() {
    byte[] file = Fixtures.withOffsetTable(
        new int[] {0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A},
        new byte[][] {Fixtures.ascii("19900515"), Fixtures.ascii("2"), Fixtures.tlv(0x91, new byte[4]),
            Fixtures.NAME_PNG, Fixtures.ADDRESS_PNG, Fixtures.PHOTO, Fixtures.ISSUER_SIGNATURE,
            Fixtures.ascii("20340515"), Fixtures.CODE_PNG});
    assertThatThrownBy(() -> CardFace.parse(file))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("DF24");
  }

  @Test
  void parse_truncatedPhoto_malformed() {
    byte[] file = Fixtures.cardFaceTlv(cardKey);
    byte[] cut = java.util.Arrays.copyOf(file, file.length - 100);
    assertThatThrownBy(() -> CardFace.parse(cut)).isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("visual AP EF 0002 at offset 0");
  }
}
