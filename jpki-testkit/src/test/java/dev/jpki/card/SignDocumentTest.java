// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.apdu.CardStatusException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.TransportException;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JpkiApplet#sign(Pin, byte[], VerifyOption...)}: "sign this document" in one call on the
 * virtual card. The credential picks the key, the document is hashed inside, and the result verifies
 * with a standard JCA verifier and the returned certificate.
 */
class SignDocumentTest {
  private static final Persona PERSONA = Personas.get(Personas.DEFAULT);
  private static final byte[] DOCUMENT = "申込書: 口座開設".getBytes(StandardCharsets.UTF_8);

  private static boolean verifies(CardSignature s, byte[] document) throws Exception {
    Signature v = Signature.getInstance(s.jcaSignatureAlgorithm());
    v.initVerify(s.certificate());
    v.update(document);
    return v.verify(s.signature());
  }

  @Test
  void signaturePassword_signsWithSignatureKey_verifiesAsSha256WithRsa() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin password = Pin.signaturePassword(chars(PERSONA.signPassword()))) {
      CardSignature s = card.jpki().sign(password, DOCUMENT);

      assertThat(s.keyType()).isEqualTo(KeyType.SIGNATURE);
      assertThat(s.algorithm()).isEqualTo(HashAlgorithm.SHA256);
      assertThat(s.jcaSignatureAlgorithm()).isEqualTo("SHA256withRSA");
      assertThat(s.certificate()).isEqualTo(PERSONA.signCertificate().orElseThrow());
      assertThat(s.signature()).hasSize(256);
      assertThat(verifies(s, DOCUMENT)).isTrue();
    }
  }

  @Test
  void authenticationPin_signsWithAuthenticationKey() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin pin = Pin.authentication(chars(PERSONA.authPin()))) {
      CardSignature s = card.jpki().sign(pin, DOCUMENT);

      assertThat(s.keyType()).isEqualTo(KeyType.AUTHENTICATION);
      assertThat(s.certificate()).isEqualTo(PERSONA.authCertificate());
      assertThat(verifies(s, DOCUMENT)).isTrue();
    }
  }

  @Test
  void shortDocument_isHashedNotSignedRaw() throws Exception {
    // The trap of the DigestInfo-level call: 5 bytes would fit the card's 245-byte input and be signed
    // raw, which no standard verifier accepts. sign(pin, document) always hashes.
    byte[] tiny = "hello".getBytes(StandardCharsets.UTF_8);
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin password = Pin.signaturePassword(chars(PERSONA.signPassword()))) {
      CardSignature s = card.jpki().sign(password, tiny);

      assertThat(verifies(s, tiny)).isTrue();
      assertThat(verifies(s, "hellO".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
  }

  @Test
  void emptyAndLargeDocuments_signed() throws Exception {
    byte[] large = new byte[100_000];
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin password = Pin.signaturePassword(chars(PERSONA.signPassword()))) {
      assertThat(verifies(card.jpki().sign(password, new byte[0]), new byte[0])).isTrue();
      assertThat(verifies(card.jpki().sign(password, large), large)).isTrue();
    }
  }

  @Test
  void chosenAlgorithm_sha384_verifiesAsSha384WithRsa() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin password = Pin.signaturePassword(chars(PERSONA.signPassword()))) {
      CardSignature s = card.jpki().sign(password, HashAlgorithm.SHA384, DOCUMENT);

      assertThat(s.algorithm()).isEqualTo(HashAlgorithm.SHA384);
      assertThat(s.jcaSignatureAlgorithm()).isEqualTo("SHA384withRSA");
      assertThat(verifies(s, DOCUMENT)).isTrue();
    }
  }

  @Test
  void otherCredential_refusedBeforeAnyApdu() throws Exception {
    VirtualCardTransport t = VirtualCards.transport(Personas.DEFAULT, VirtualCards.SHORT);
    try (MyNumberCard card = MyNumberCard.open(t); Pin text = Pin.text(chars(PERSONA.textPin()))) {
      assertThatThrownBy(() -> card.jpki().sign(text, DOCUMENT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("user-authentication PIN")
          .hasMessageContaining("signature password")
          .hasMessageNotContaining(PERSONA.textPin());
      assertThat(t.apduCount()).isZero();
    }
  }

  @Test
  void closedPin_refusedBeforeAnyApdu() throws Exception {
    VirtualCardTransport t = VirtualCards.transport(Personas.DEFAULT, VirtualCards.SHORT);
    Pin password = Pin.signaturePassword(chars(PERSONA.signPassword()));
    password.close();
    try (MyNumberCard card = MyNumberCard.open(t)) {
      assertThatThrownBy(() -> card.jpki().sign(password, DOCUMENT)).isInstanceOf(IllegalStateException.class);
      assertThat(t.apduCount()).isZero();
    }
  }

  @Test
  void wrongPassword_costsOneTry_andNothingIsSigned() throws Exception {
    VirtualMyNumberCard vc = PERSONA.newCard();
    try (MyNumberCard card = MyNumberCard.open(VirtualCardTransport.of(vc));
        Pin wrong = Pin.signaturePassword(chars("WRONG1"))) {
      WrongPinException e = catchThrowableOfType(WrongPinException.class, () -> card.jpki().sign(wrong, DOCUMENT));

      assertThat(e.remainingAttempts()).isEqualTo(4);
      assertThat(e.getMessage()).doesNotContain("WRONG1");
      assertThat(vc.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x001B)).hasValue(4);
    }
  }

  @Test
  void lastTry_protectedUnlessAllowed() throws Exception {
    VirtualMyNumberCard vc = PERSONA.newCard();
    try (MyNumberCard card = MyNumberCard.open(VirtualCardTransport.of(vc));
        Pin wrong = Pin.authentication(chars("0000"));
        Pin right = Pin.authentication(chars(PERSONA.authPin()))) {
      catchThrowableOfType(WrongPinException.class, () -> card.jpki().sign(wrong, DOCUMENT));
      catchThrowableOfType(WrongPinException.class, () -> card.jpki().sign(wrong, DOCUMENT));

      assertThatThrownBy(() -> card.jpki().sign(right, DOCUMENT)).isInstanceOf(LastTryRefusedException.class);
      assertThat(vc.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x0018)).hasValue(1);
      CardSignature s = card.jpki().sign(right, DOCUMENT, VerifyOption.ALLOW_LAST_TRY);
      assertThat(verifies(s, DOCUMENT)).isTrue();
    }
  }

  @Test
  void minorWithoutSignatureCertificate_typedError() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.MINOR);
        Pin password = Pin.signaturePassword(chars("ABC123"))) {
      assertThatThrownBy(() -> card.jpki().sign(password, DOCUMENT)).isInstanceOf(CardStatusException.class)
          .hasMessageContaining("signature password is not present");
    }
  }

  @Test
  void verifySignAndCertificate_underOneExclusiveHold() throws Exception {
    List<String> events = new ArrayList<>();
    CardTransport recording = new ForwardingTransport(VirtualCards.transport(Personas.DEFAULT, VirtualCards.SHORT)) {
      @Override
      public byte[] transceive(byte[] command) throws TransportException {
        events.add(String.format("APDU %02X", command[1] & 0xFF));
        return super.transceive(command);
      }

      @Override
      public void beginExclusive() throws TransportException {
        events.add("begin");
        super.beginExclusive();
      }

      @Override
      public void endExclusive() {
        events.add("end");
        super.endExclusive();
      }
    };
    try (MyNumberCard card = MyNumberCard.open(recording);
        Pin password = Pin.signaturePassword(chars(PERSONA.signPassword()))) {
      card.jpki().sign(password, DOCUMENT);
    }

    assertThat(events).filteredOn("begin"::equals).hasSize(1);
    assertThat(events).filteredOn("end"::equals).hasSize(1);
    List<String> held = events.subList(events.indexOf("begin"), events.indexOf("end"));
    assertThat(held).contains("APDU 20", "APDU 2A", "APDU B0");
    assertThat(events.subList(events.indexOf("end"), events.size())).doesNotContain("APDU 20", "APDU 2A");
  }

  @Test
  void toString_namesAlgorithmAndKey_notTheHolder() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin password = Pin.signaturePassword(chars(PERSONA.signPassword()))) {
      CardSignature s = card.jpki().sign(password, DOCUMENT);
      X509Certificate cert = s.certificate();

      assertThat(s.toString()).contains("SHA256withRSA").contains("signature key")
          .doesNotContain(cert.getSubjectX500Principal().getName())
          .doesNotContain(PERSONA.name())
          .doesNotContain(cert.getSerialNumber().toString(16));
    }
  }

  @Test
  void signatureBytes_areACopy() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin pin = Pin.authentication(chars(PERSONA.authPin()))) {
      CardSignature s = card.jpki().sign(pin, DOCUMENT);
      s.signature()[0] ^= 1;

      assertThat(verifies(s, DOCUMENT)).isTrue();
    }
  }
}
