// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.apdu.CardStatusException;
import dev.jpki.apdu.TransportException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PIN safety contract of docs/design.md, checked APDU by APDU. */
class PinSafetyTest {
  /** VERIFY commands that carried a value (the empty status query is free). */
  private static List<String> verifiesWithData(FakeCard fake) {
    List<String> out = new ArrayList<>();
    for (String c : fake.log()) {
      if (c.startsWith("00200080") && c.length() > 8) {
        out.add(c);
      }
    }
    return out;
  }

  @Test
  void malformedCredential_neverReachesTheCard() {
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      assertThatThrownBy(() -> card.jpki().verify(Pin.authentication(chars("12345"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("user-authentication PIN must be exactly 4 digits");
      assertThatThrownBy(() -> card.text().verify(Pin.verificationCodeA(chars("123456789012"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid check digit");
      // a well-formed credential of the wrong application: also refused before any APDU
      try (Pin text = Pin.text(chars("1234"))) {
        assertThatThrownBy(() -> card.jpki().verify(text))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JPKI AP does not check a text-AP PIN");
      }
    }
    assertThat(fake.count()).isZero();
  }

  @Test
  void verify_wrongPin_reportsTriesLeftAndSendsExactlyOneVerify() throws Exception {
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake); Pin wrong = Pin.authentication(chars("9999"))) {
      WrongPinException e = catchThrowableOfType(WrongPinException.class, () -> card.jpki().verify(wrong));
      assertThat(e.remainingAttempts()).isEqualTo(2);
      assertThat(e.pinType()).isEqualTo(PinType.AUTHENTICATION);
      assertThat(e.sw()).isEqualTo(0x63C2);
      assertThat(e.getMessage()).isEqualTo("wrong user-authentication PIN: 2 tries left (SW=63C2)")
          .doesNotContain("9999");
    }
    assertThat(verifiesWithData(fake)).hasSize(1);
    assertThat(fake.triesLeft(Application.JPKI, 0x0018)).isEqualTo(2);
  }

  @Test
  void verify_lastTry_refusedWithoutSendingTheValue() throws Exception {
    FakeCard fake = Fixtures.defaultCard().key(Application.JPKI, 0x001B, "ABC123", 5, 1);
    try (MyNumberCard card = MyNumberCard.open(fake); Pin pw = Pin.signaturePassword(chars("WRONG1"))) {
      LastTryRefusedException e = catchThrowableOfType(LastTryRefusedException.class, () -> card.jpki().verify(pw));
      assertThat(e.remainingAttempts()).isEqualTo(1);
      assertThat(e.pinType()).isEqualTo(PinType.SIGNATURE);
      assertThat(e).isInstanceOf(PinException.class).hasMessageContaining("ALLOW_LAST_TRY");
    }
    assertThat(verifiesWithData(fake)).isEmpty();
    assertThat(fake.triesLeft(Application.JPKI, 0x001B)).isEqualTo(1);
    // the free query only: SELECT AP, SELECT 001B, empty VERIFY
    assertThat(fake.headers()).containsExactly("00A4040C", "00A4020C", "00200080");
  }

  @Test
  void verify_lastTryAllowed_wrongValueBlocks() throws Exception {
    FakeCard fake = Fixtures.defaultCard().key(Application.JPKI, 0x0018, "1234", 3, 1);
    try (MyNumberCard card = MyNumberCard.open(fake); Pin wrong = Pin.authentication(chars("0000"))) {
      PinBlockedException e = catchThrowableOfType(PinBlockedException.class, () -> card.jpki().verify(wrong, VerifyOption.ALLOW_LAST_TRY));
      assertThat(e.sw()).isEqualTo(0x63C0);
    }
    // with the opt-in, no counter query: the value is sent straight away, once
    assertThat(fake.headers()).containsExactly("00A4040C", "00A4020C", "00200080");
    assertThat(verifiesWithData(fake)).hasSize(1);
    assertThat(fake.triesLeft(Application.JPKI, 0x0018)).isZero();
  }

  @Test
  void verify_lastTryAllowed_rightValueSucceeds() throws Exception {
    FakeCard fake = Fixtures.defaultCard().key(Application.JPKI, 0x0018, "1234", 3, 1);
    try (MyNumberCard card = MyNumberCard.open(fake); Pin pin = Pin.authentication(chars("1234"))) {
      card.jpki().verify(pin, VerifyOption.ALLOW_LAST_TRY);
      assertThat(card.jpki().isVerified(PinType.AUTHENTICATION)).isTrue();
    }
    assertThat(fake.triesLeft(Application.JPKI, 0x0018)).isEqualTo(3);
  }

  @Test
  void verify_blocked_refusedWithoutSendingTheValue() throws Exception {
    FakeCard fake = Fixtures.defaultCard().key(Application.JPKI, 0x0018, "1234", 3, 0);
    try (MyNumberCard card = MyNumberCard.open(fake); Pin pin = Pin.authentication(chars("1234"))) {
      PinBlockedException e = catchThrowableOfType(PinBlockedException.class, () -> card.jpki().verify(pin));
      assertThat(e.sw()).isEqualTo(0x63C0);
      assertThat(e.getMessage()).contains("blocked").doesNotContain("1234");
    }
    assertThat(verifiesWithData(fake)).isEmpty();
  }

  @Test
  void verify_blockedWithLastTryAllowed_cardAnswers6984_mappedToBlocked() throws Exception {
    FakeCard fake = Fixtures.defaultCard().key(Application.JPKI, 0x0018, "1234", 3, 0);
    try (MyNumberCard card = MyNumberCard.open(fake); Pin pin = Pin.authentication(chars("1234"))) {
      PinBlockedException e = catchThrowableOfType(PinBlockedException.class, () -> card.jpki().verify(pin, VerifyOption.ALLOW_LAST_TRY));
      assertThat(e.sw()).isEqualTo(0x6984);
    }
  }

  @Test
  void verify_queryAnswers9000WhenAlreadyVerified_proceeds() throws Exception {
    FakeCard fake = Fixtures.defaultCard().answer9000WhenVerified();
    try (MyNumberCard card = MyNumberCard.open(fake); Pin pin = Pin.authentication(chars("1234"))) {
      card.jpki().verify(pin);
      PinStatus status = card.jpki().pinStatus(PinType.AUTHENTICATION);
      assertThat(status.state()).isEqualTo(PinStatus.State.VERIFIED);
      assertThat(status.triesLeft()).isEmpty();
      card.jpki().verify(pin); // not refused: a verified key's counter is full
    }
    assertThat(verifiesWithData(fake)).hasSize(2);
  }

  @Test
  void verify_transportFailsDuringVerify_outcomeUnknown() throws Exception {
    FakeCard fake = Fixtures.defaultCard().failWhen(c -> c.length > 5 && c[1] == 0x20);
    try (MyNumberCard card = MyNumberCard.open(fake); Pin pin = Pin.authentication(chars("1234"))) {
      TransportException e = catchThrowableOfType(TransportException.class, () -> card.jpki().verify(pin));
      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(e.getMessage()).contains("unknown").doesNotContain("1234");
      // the session forgot the card state: the next operation selects again
      assertThat(card.selectedApplication()).isEmpty();
    }
    assertThat(verifiesWithData(fake)).hasSize(1); // never retried
  }

  @Test
  void verify_credentialNotOnCard_saysSoWithoutSendingTheValue() throws Exception {
    FakeCard faceAuth = new FakeCard().file(Application.JPKI, 0x000A, Fixtures.authCertDer());
    try (MyNumberCard card = MyNumberCard.open(faceAuth); Pin pin = Pin.authentication(chars("1234"))) {
      CardStatusException e = catchThrowableOfType(CardStatusException.class, () -> card.jpki().verify(pin));
      assertThat(e.sw()).isEqualTo(0x6A82);
      assertThat(e.getMessage()).contains("user-authentication PIN is not present in the JPKI AP");
      assertThat(card.jpki().pinStatus(PinType.AUTHENTICATION).state()).isEqualTo(PinStatus.State.NOT_PRESENT);
    }
    assertThat(verifiesWithData(faceAuth)).isEmpty();
  }

  @Test
  void verify_closedPin_refusedBeforeAnyApdu() {
    FakeCard fake = Fixtures.defaultCard();
    Pin pin = Pin.authentication(chars("1234"));
    pin.close();
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      assertThatThrownBy(() -> card.jpki().verify(pin)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(fake.count()).isZero();
  }

  @Test
  void pinStatus_everyState_readWithoutSpendingATry() throws Exception {
    FakeCard fake = Fixtures.defaultCard()
        .key(Application.JPKI, 0x001B, "ABC123", 5, 1)
        .key(Application.TEXT, 0x0011, "1234", 3, 0);
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      PinStatus auth = card.jpki().pinStatus(PinType.AUTHENTICATION);
      assertThat(auth.state()).isEqualTo(PinStatus.State.AVAILABLE);
      assertThat(auth.triesLeft()).hasValue(3);
      PinStatus sign = card.jpki().pinStatus(PinType.SIGNATURE);
      assertThat(sign.isLastTry()).isTrue();
      PinStatus text = card.text().pinStatus(PinType.TEXT);
      assertThat(text.isBlocked()).isTrue();
      assertThat(text.triesLeft()).hasValue(0);
    }
    assertThat(verifiesWithData(fake)).isEmpty();
    assertThat(fake.triesLeft(Application.JPKI, 0x0018)).isEqualTo(3);
  }

  @Test
  void exceptions_neverCarryTheValue() {
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake); Pin pw = Pin.signaturePassword(chars("ZZZ999"))) {
      Throwable t = catchThrowableOfType(WrongPinException.class, () -> card.jpki().verify(pw));
      assertThat(t.toString()).doesNotContain("ZZZ999").doesNotContain("5A5A5A");
    }
  }
}
