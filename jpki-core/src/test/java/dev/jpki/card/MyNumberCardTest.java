// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.apdu.TransportException;
import org.junit.jupiter.api.Test;

class MyNumberCardTest {
  @Test
  void open_sendsNothing() {
    FakeCard fake = Fixtures.defaultCard();
    MyNumberCard card = MyNumberCard.open(fake);
    card.jpki();
    card.text();
    assertThat(fake.count()).isZero();
    assertThat(card.selectedApplication()).isEmpty();
  }

  @Test
  void info_defaultCard_everythingWithoutSpendingATry() throws Exception {
    FakeCard fake = Fixtures.defaultCard();
    CardInfo info;
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      info = card.info();
    }
    assertThat(info.tokenType()).isEqualTo(TokenType.MY_NUMBER_CARD);
    assertThat(info.tokenType().isSmartphone()).isFalse();
    assertThat(info.applications()).containsExactly(
        Application.JPKI, Application.TEXT, Application.VISUAL, Application.COMMON, Application.JUKI);
    assertThat(info.pinStatuses()).hasSize(10);
    assertThat(info.triesLeft(Application.JPKI, PinType.AUTHENTICATION)).hasValue(3);
    assertThat(info.triesLeft(Application.JPKI, PinType.SIGNATURE)).hasValue(5);
    assertThat(info.triesLeft(Application.TEXT, PinType.VERIFICATION_B)).hasValue(10);
    assertThat(info.triesLeft(Application.JUKI, PinType.COMMON)).hasValue(3);
    // 5 SELECT DF + 2 for the token label + 2 per credential (SELECT key, empty VERIFY)
    assertThat(fake.count()).isEqualTo(5 + 2 + 2 * 10);
    for (String c : fake.log()) {
      assertThat(c.startsWith("00200080") && c.length() > 8).as("no VERIFY with data").isFalse();
    }
    assertThat(info.toString()).contains("MY_NUMBER_CARD");
  }

  @Test
  void info_smartphone_jpkiOnly() throws Exception {
    try (MyNumberCard card = MyNumberCard.open(Fixtures.smartphone())) {
      CardInfo info = card.info();
      assertThat(info.tokenType()).isEqualTo(TokenType.ANDROID);
      assertThat(info.tokenType().isSmartphone()).isTrue();
      assertThat(info.applications()).containsExactly(Application.JPKI);
      assertThat(info.has(Application.TEXT)).isFalse();
      assertThat(info.pinStatuses()).extracting(PinStatus::pinType)
          .containsExactly(PinType.AUTHENTICATION, PinType.SIGNATURE);
    }
  }

  @Test
  void info_notAMyNumberCard_throws() {
    try (MyNumberCard card = MyNumberCard.open(new FakeCard())) {
      assertThatThrownBy(card::info).isInstanceOf(ApplicationNotFoundException.class)
          .hasMessageContaining("not a My Number Card");
    }
  }

  @Test
  void select_sameApplication_notRepeated_otherApplication_selected() throws Exception {
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      card.jpki().authCertificate();
      card.jpki().caCertificate(KeyType.AUTHENTICATION);
      card.text().cardVerifiableCertificate();
      card.jpki().pinStatus(PinType.AUTHENTICATION);
      card.jpki().pinStatus(PinType.AUTHENTICATION);
      assertThat(card.selectedApplication()).hasValue(Application.JPKI);
    }
    long selectsOfJpki = fake.log().stream().filter(c -> c.equals("00A4040C0AD392F000260100000001")).count();
    assertThat(selectsOfJpki).isEqualTo(2); // first use, and back after the text AP
    // the second pinStatus reuses the selected key reference: only the empty VERIFY
    assertThat(fake.headers().subList(fake.count() - 2, fake.count())).containsExactly("00200080", "00200080");
  }

  @Test
  void close_closesTransport_andRefusesFurtherUse() {
    FakeCard fake = Fixtures.defaultCard();
    MyNumberCard card = MyNumberCard.open(fake);
    card.close();
    assertThat(fake.isClosed()).isTrue();
    assertThat(card.isClosed()).isTrue();
    assertThatThrownBy(card::jpki).isInstanceOf(IllegalStateException.class);
    card.close(); // idempotent
  }

  @Test
  void transportLost_stateForgotten_nextCallSelectsAgain() throws Exception {
    FakeCard fake = Fixtures.defaultCard().failWhen(c -> c[1] == (byte) 0xB0 && c[2] == 0x01);
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      assertThatThrownBy(() -> card.jpki().authCertificate()).isInstanceOf(TransportException.class);
      assertThat(card.selectedApplication()).isEmpty();
      fake.failWhen(c -> false);
      fake.clearLog();
      try (Pin pin = Pin.authentication(chars("1234"))) {
        card.jpki().verify(pin);
      }
      assertThat(fake.headers().get(0)).isEqualTo("00A4040C");
    }
  }

  @Test
  void toString_noCardData() throws Exception {
    try (MyNumberCard card = MyNumberCard.open(Fixtures.defaultCard())) {
      card.jpki().authCertificate();
      assertThat(card.toString()).isEqualTo("MyNumberCard[open, DF=JPKI]");
    }
  }
}
