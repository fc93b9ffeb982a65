// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.MalformedResponseException;
import org.junit.jupiter.api.Test;

class CommonAppletTest {
  @Test
  void record_decodesSerialMunicipalityExpiry_inThreeApdus() throws Exception {
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      CommonRecord r = card.common().record();
      assertThat(r.serialNumber()).isEqualTo("123456789012345");
      assertThat(r.municipalityCode()).isEqualTo("13101");
      assertThat(r.expiryDate()).isEqualTo(CardDate.of(2034, 5, 15));
      assertThat(r.toString()).doesNotContain("12345").doesNotContain("13101");
      assertThat(card.common().record()).isSameAs(r);
    }
    assertThat(fake.log()).containsExactly("00A4040C0AD3921000310001010100", "00A4020C020001", "00B2010400");
  }

  @Test
  void pinStatus_commonAndJuki_separateCounters_jukiOnlyInInfo() throws Exception {
    FakeCard fake = Fixtures.defaultCard().key(Application.JUKI, 0x001C, "1234", 3, 2);
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      assertThat(card.common().pinStatus(PinType.COMMON).triesLeft()).hasValue(3);
      assertThat(card.info().triesLeft(Application.JUKI, PinType.COMMON)).hasValue(2);
      assertThat(card.common().isVerified(PinType.COMMON)).isFalse();
      try (Pin pin = Pin.common(chars("1234"))) {
        card.common().verify(pin);
      }
      assertThat(card.common().isVerified(PinType.COMMON)).isTrue();
      assertThat(card.common().pinStatus(PinType.COMMON).triesLeft()).hasValue(3);
    }
  }

  @Test
  void commonApplet_refusesAnotherApplicationsCredential_beforeAnyApdu() throws Exception {
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake);
        Pin pin = Pin.authentication(chars("1234"))) {
      assertThatThrownBy(() -> card.common().pinStatus(PinType.AUTHENTICATION))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> card.common().verify(pin)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(fake.log()).isEmpty();
  }

  @Test
  void parse_wrongLength_malformed() {
    assertThatThrownBy(() -> CommonRecord.parse(Fixtures.tlv(0x01, Fixtures.ascii("1234"))))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("common AP EF 0001 record 1");
  }

  @Test
  void parse_nonDigit_malformedWithOffset() {
    byte[] rec = Fixtures.commonRecord();
    rec[2 + 5] = 'X';
    assertThatThrownBy(() -> CommonRecord.parse(rec))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("at offset 7");
  }
}
