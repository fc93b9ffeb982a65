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
  void pinStatus_commonAndJuki_separateCounters() throws Exception {
    FakeCard fake = Fixtures.defaultCard().key(Application.JUKI, 0x001C, "1234", 3, 2);
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      assertThat(card.common().pinStatus().triesLeft()).hasValue(3);
      assertThat(card.juki().pinStatus().triesLeft()).hasValue(2);
      try (Pin pin = Pin.common(chars("1234"))) {
        card.juki().verify(pin);
      }
      assertThat(card.juki().pinStatus().triesLeft()).hasValue(3);
    }
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
