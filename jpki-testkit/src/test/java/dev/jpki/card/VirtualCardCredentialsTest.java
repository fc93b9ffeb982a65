// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.apdu.CardStatusException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.apdu.TransportException;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.transport.VirtualCardTransport;
import org.junit.jupiter.api.Test;

/** Every credential state on the virtual card, and the personas without PINs or without a card. */
class VirtualCardCredentialsTest {
  @Test
  void wrongPin_triesLeft_thenLastTryRefused_thenAllowedAndBlocked() throws Exception {
    VirtualMyNumberCard vc = Personas.get(Personas.DEFAULT).newCard();
    try (MyNumberCard card = MyNumberCard.open(VirtualCardTransport.of(vc));
        Pin wrong = Pin.authentication(chars("0000"))) {
      assertThat(catchThrowableOfType(WrongPinException.class, () -> card.jpki().verify(wrong)).remainingAttempts())
          .isEqualTo(2);
      assertThat(catchThrowableOfType(WrongPinException.class, () -> card.jpki().verify(wrong)).remainingAttempts())
          .isEqualTo(1);
      // one try left: refused by the SDK, the card's counter untouched
      assertThatThrownBy(() -> card.jpki().verify(wrong)).isInstanceOf(LastTryRefusedException.class);
      assertThat(vc.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x0018)).hasValue(1);
      // the caller opts in and is wrong: blocked (63C0)
      PinBlockedException blocked = catchThrowableOfType(PinBlockedException.class, () -> card.jpki().verify(wrong, VerifyOption.ALLOW_LAST_TRY));
      assertThat(blocked.sw()).isEqualTo(0x63C0);
      // from now on the right PIN is not even sent
      try (Pin right = Pin.authentication(chars("1234"))) {
        assertThatThrownBy(() -> card.jpki().verify(right)).isInstanceOf(PinBlockedException.class);
        assertThat(catchThrowableOfType(PinBlockedException.class, () -> card.jpki().verify(right, VerifyOption.ALLOW_LAST_TRY)).sw()).isEqualTo(0x6984);
      }
      assertThat(card.jpki().pinStatus(PinType.AUTHENTICATION).isBlocked()).isTrue();
    }
  }

  @Test
  void wrongPassword_lowerCaseIsNotWrong() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT); Pin pw = Pin.signaturePassword(chars("abc123"))) {
      card.jpki().verify(pw);
      assertThat(card.jpki().pinStatus(PinType.SIGNATURE).triesLeft()).hasValue(5);
    }
  }

  @Test
  void faceAuthPersona_noPins_authCertificateStillReadable() throws Exception {
    Persona p = Personas.get(Personas.FACE_AUTH);
    try (MyNumberCard card = VirtualCards.open(Personas.FACE_AUTH); Pin pin = Pin.authentication(chars("1234"))) {
      CardInfo info = card.info();
      assertThat(info.pinStatus(Application.JPKI, PinType.AUTHENTICATION).get().state())
          .isEqualTo(PinStatus.State.NOT_PRESENT);
      assertThat(info.pinStatus(Application.JPKI, PinType.SIGNATURE).get().state())
          .isEqualTo(PinStatus.State.NOT_PRESENT);
      assertThat(info.pinStatus(Application.TEXT, PinType.TEXT).get().state()).isEqualTo(PinStatus.State.NOT_PRESENT);
      assertThat(info.pinStatus(Application.TEXT, PinType.VERIFICATION_B).get().state())
          .isEqualTo(PinStatus.State.AVAILABLE);
      assertThat(card.jpki().authCertificate()).isEqualTo(p.authCertificate());
      CardStatusException e = catchThrowableOfType(CardStatusException.class, () -> card.jpki().verify(pin));
      assertThat(e.getMessage()).contains("not present");
      // PIN-less paths still work: 照合番号B opens the card face
      try (Pin b = Pin.verificationCodeB(chars(p.pinB()))) {
        assertThat(card.visual().cardFace(b).birthDate()).isEqualTo(VirtualCards.date(p.birthDate()));
      }
    }
  }

  @Test
  void minorPersona_noSignatureCertificate() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.MINOR); Pin pw = Pin.signaturePassword(chars("ABC123"))) {
      assertThat(card.info().pinStatus(Application.JPKI, PinType.SIGNATURE).get().state())
          .isEqualTo(PinStatus.State.NOT_PRESENT);
      assertThatThrownBy(() -> card.jpki().signatureCertificate(pw))
          .isInstanceOf(CardStatusException.class).hasMessageContaining("signature password is not present");
      assertThatThrownBy(() -> card.jpki().certificate(KeyType.SIGNATURE))
          .isInstanceOf(CardStatusException.class)
          .hasMessageContaining("this card has no signature certificate (JPKI AP EF 0001 not found");
      assertThat(card.jpki().authCertificate()).isEqualTo(Personas.get(Personas.MINOR).authCertificate());
    }
  }

  @Test
  void smartphonePersona_tokenType_authCertificateNeedsPin() throws Exception {
    Persona p = Personas.get(Personas.SMARTPHONE);
    try (MyNumberCard card = VirtualCards.open(Personas.SMARTPHONE); Pin pin = Pin.authentication(chars("1234"))) {
      CardInfo info = card.info();
      assertThat(info.tokenType()).isEqualTo(TokenType.ANDROID);
      assertThat(info.tokenType().isSmartphone()).isTrue();
      assertThat(info.applications()).containsExactly(Application.JPKI);
      assertThatThrownBy(() -> card.jpki().authCertificate()).isInstanceOf(SecurityStatusException.class)
          .hasMessageContaining("smartphone JPKI tokens require it");
      assertThat(card.jpki().authCertificate(pin)).isEqualTo(p.authCertificate());
      byte[] sig = card.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      assertThat(sig).hasSize(256);
    }
  }

  @Test
  void verificationCodeB_wrong_reportsTriesLeft() throws Exception {
    Persona p = Personas.get(Personas.DEFAULT);
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT); Pin b = Pin.verificationCodeB(chars("02051520349999"))) {
      int before = card.visual().pinStatus(PinType.VERIFICATION_B).triesLeft().getAsInt();
      WrongPinException e = catchThrowableOfType(WrongPinException.class, () -> card.visual().verify(b));
      assertThat(e.remainingAttempts()).isEqualTo(before - 1);
      assertThat(e.getMessage()).doesNotContain("02051520349999").doesNotContain(p.pinB());
    }
  }

  @Test
  void tagLostDuringVerify_outcomeUnknown_noRetry() throws Exception {
    VirtualCardTransport t = VirtualCards.transport(Personas.DEFAULT, VirtualCards.SHORT);
    // SELECT AP, SELECT 0018, empty VERIFY, then the VERIFY with the PIN is the 4th exchange
    t.loseTagDuring(4);
    try (MyNumberCard card = MyNumberCard.open(t); Pin pin = Pin.authentication(chars("1234"))) {
      TransportException e = catchThrowableOfType(TransportException.class, () -> card.jpki().verify(pin));
      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(t.transceiveCalls()).isEqualTo(4);
    }
  }
}
