// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextAppletTest {
  private final FakeCard fake = Fixtures.defaultCard();
  private final MyNumberCard card = MyNumberCard.open(fake);

  @Test
  void myNumber_withTextPin_readsAndValidates() throws Exception {
    try (Pin pin = Pin.text(chars("1234"))) {
      MyNumber n = card.text().myNumber(pin);
      assertThat(n.digits()).isEqualTo("123456789018");
    }
    // SELECT AP, SELECT 0011, query, VERIFY, SELECT 0001, one READ of the 17 physical bytes
    assertThat(fake.headers()).containsExactly("00A4040C", "00A4020C", "00200080", "00200080", "00A4020C", "00B00000");
    assertThat(fake.log().get(5)).isEqualTo("00B0000011");
    assertThat(card.text().myNumberFile()).isEqualTo(Fixtures.myNumberFile("123456789018"));
    assertThat(fake.count()).isEqualTo(6); // the physical bytes come from the session, no second read
  }

  @Test
  void myNumber_withVerificationCodeA_works() throws Exception {
    try (Pin a = Pin.verificationCodeA(chars("123456789018"))) {
      assertThat(card.text().myNumber(a)).isEqualTo(MyNumber.of("123456789018"));
    }
  }

  @Test
  void basicInfo_withVerificationCodeB_decodesTheFourInfo() throws Exception {
    BasicInfo info;
    try (Pin b = Pin.verificationCodeB(CardDate.of(1990, 5, 15), 2034, chars("5678"))) {
      info = card.text().basicInfo(b);
    }
    assertThat(info.name()).isEqualTo(Fixtures.NAME);
    assertThat(info.address()).isEqualTo(Fixtures.ADDRESS);
    assertThat(info.birthDate()).isEqualTo(CardDate.of(1990, 5, 15));
    assertThat(info.sex()).isEqualTo(Sex.FEMALE);
    assertThat(info.encoded()).isEqualTo(Fixtures.basicInfoTlv(Fixtures.NAME, Fixtures.ADDRESS, "19900515", "2"));
    assertThat(info.toString()).isEqualTo("BasicInfo[<redacted>]")
        .doesNotContain("試験").doesNotContain("1990").doesNotContain("東京");
  }

  @Test
  void verificationCodeA_doesNotOpenTheFourInfo() throws Exception {
    try (Pin a = Pin.verificationCodeA(chars("123456789018"))) {
      card.text().verify(a);
    }
    assertThatThrownBy(() -> card.text().basicInfo())
        .isInstanceOf(SecurityStatusException.class)
        .hasMessageContaining("text AP EF 0002").hasMessageContaining("text-AP PIN or verification code B");
  }

  @Test
  void verificationCodeB_doesNotOpenMyNumber() throws Exception {
    try (Pin b = Pin.verificationCodeB(chars("02051520345678"))) {
      card.text().verify(b);
    }
    assertThatThrownBy(() -> card.text().myNumber())
        .isInstanceOf(SecurityStatusException.class)
        .hasMessageContaining("text AP EF 0001").hasMessageContaining("verification code A")
        .hasMessageNotContaining("123456789018");
  }

  @Test
  void myNumber_wrongCredentialType_rejectedBeforeAnyApdu() {
    try (Pin b = Pin.verificationCodeB(chars("02051520345678"))) {
      assertThatThrownBy(() -> card.text().myNumber(b)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("text-AP PIN or verification code A");
    }
    assertThat(fake.count()).isZero();
  }

  @Test
  void integrityAndCvc_rawForVerification() throws Exception {
    assertThat(card.text().cardVerifiableCertificate()).isEqualTo(Fixtures.CVC);
    try (Pin pin = Pin.text(chars("1234"))) {
      card.text().verify(pin);
    }
    assertThat(card.text().integrityRecord()).isEqualTo(Fixtures.INTEGRITY);
  }

  @Test
  void signChallenge_textCardKey_verifiable() throws Exception {
    byte[] challenge = {9, 8, 7, 6, 5, 4, 3, 2};
    byte[] sig = card.text().signChallenge(challenge);
    java.security.Signature v = java.security.Signature.getInstance("SHA256withRSA");
    java.security.interfaces.RSAPrivateCrtKey k = (java.security.interfaces.RSAPrivateCrtKey) Fixtures.key("card");
    v.initVerify(java.security.KeyFactory.getInstance("RSA").generatePublic(
        new java.security.spec.RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())));
    v.update(challenge);
    assertThat(v.verify(sig)).isTrue();
    assertThat(fake.headers()).containsExactly("00A4040C", "802A0000");
  }

  @Test
  void changePin_textPin_changes() throws Exception {
    try (Pin old = Pin.text(chars("1234")); Pin neu = Pin.text(chars("5555"))) {
      card.text().changePin(old, neu);
    }
    try (Pin neu = Pin.text(chars("5555"))) {
      card.text().verify(neu);
    }
    assertThat(card.text().isVerified(PinType.TEXT)).isTrue();
  }

  // ---- parsing of EF 0002 (docs/card-protocol.md §6.3)

  @Test
  void parse_offsetTableDisagrees_malformedWithOffset() {
    byte[] good = Fixtures.basicInfoTlv("A", "B", "19900515", "1");
    byte[] bad = good.clone();
    // FF 20 22 | DF 21 08 o1 o2 o3 o4: DF24's offset is bytes 10-11
    bad[11] += 1;
    assertThatThrownBy(() -> BasicInfo.parse(bad))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("text AP EF 0002 at offset 10")
        .hasMessageContaining("offset table says DF24");
  }

  @Test
  void parse_truncated_malformedNotHalfFilled() {
    byte[] good = Fixtures.basicInfoTlv("A", "B", "19900515", "1");
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
    assertThatThrownBy(() -> BasicInfo.parse(cut))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("text AP EF 0002");
  }

  @Test
  void parse_invalidUtf8Name_malformed() {
    byte[] file = Fixtures.withOffsetTable(new int[] {0xDF22, 0xDF23, 0xDF24, 0xDF25},
        new byte[][] {{(byte) 0xC3, 0x28}, Fixtures.utf8("x"), Fixtures.ascii("19900515"), Fixtures.ascii("1")});
    assertThatThrownBy(() -> BasicInfo.parse(file))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("DF22 is not valid UTF-8");
  }

  @Test
  void parse_impossibleBirthDate_malformed() {
    byte[] file = Fixtures.basicInfoTlv("A", "B", "19900231", "1");
    assertThatThrownBy(() -> BasicInfo.parse(file))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not a real date")
        .hasMessageNotContaining("19900231");
  }

  @Test
  void parse_missingObject_malformed() {
    byte[] file = Fixtures.withOffsetTable(new int[] {0xDF22, 0xDF23, 0xDF24},
        new byte[][] {Fixtures.utf8("A"), Fixtures.utf8("B"), Fixtures.ascii("19900515")});
    assertThatThrownBy(() -> BasicInfo.parse(file)).isInstanceOf(MalformedResponseException.class);
  }

  @ParameterizedTest
  @CsvSource({"0, UNKNOWN", "1, MALE", "2, FEMALE", "3, OTHER", "9, NOT_APPLICABLE"})
  void parse_sexCodes(String code, Sex sex) throws Exception {
    assertThat(BasicInfo.parse(Fixtures.basicInfoTlv("A", "B", "19900515", code)).sex()).isEqualTo(sex);
  }

  @Test
  void parse_unknownSexCode_malformed() {
    assertThatThrownBy(() -> BasicInfo.parse(Fixtures.basicInfoTlv("A", "B", "19900515", "5")))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("unknown sex code");
  }

  @Test
  void parse_longFormHeader_offsetsStillValidated() throws Exception {
    // a long address pushes the template over 127 bytes: FF 20 81 xx, offsets shift by one
    String address = "東京都千代田区霞が関一丁目一番一号　中央合同庁舎第二号館";
    BasicInfo info = BasicInfo.parse(Fixtures.basicInfoTlv(Fixtures.NAME, address, "19900515", "2"));
    assertThat(info.address()).isEqualTo(address);
  }

  @Test
  void myNumberFile_badCheckDigit_malformed() {
    FakeCard bad = new FakeCard().file(Application.TEXT, 0x0001, Fixtures.myNumberFile("123456789010"))
        .key(Application.TEXT, 0x0011, "1234", 3);
    try (MyNumberCard session = MyNumberCard.open(bad); Pin pin = Pin.text(chars("1234"))) {
      assertThatThrownBy(() -> session.text().myNumber(pin))
          .isInstanceOf(MalformedResponseException.class).hasMessageContaining("check digit")
          .hasMessageNotContaining("123456789010");
    }
  }
}
