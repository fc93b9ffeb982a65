// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.CardStatusException;
import dev.jpki.internal.Hex;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.testkit.transport.ScriptedTransport;
import org.junit.jupiter.api.Test;

/** Exact APDU sequences, byte for byte, and the card's unexpected answers, with a scripted transport. */
class ScriptedSequencesTest {
  private static final String SELECT_JPKI = "00A4040C0AD392F000260100000001";

  @Test
  void verifyAndSign_exactSequence() throws Exception {
    byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);
    byte[] sig = new byte[256];
    sig[0] = 0x42;
    ScriptedTransport t = ScriptedTransport.create(TransportCapabilities.shortOnly())
        .expect(SELECT_JPKI, "9000")
        .expect("00A4020C020018", "9000")
        .expect("00200080", "63C3")
        .expect("002000800431323334", "9000")
        .expect("00A4020C020017", "9000")
        .expect("802A008033" + Hex.encode(digestInfo) + "00", Hex.encode(sig) + "9000");
    try (MyNumberCard card = MyNumberCard.open(t); Pin pin = Pin.authentication(chars("1234"))) {
      card.jpki().verify(pin);
      assertThat(card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo)).isEqualTo(sig);
    }
    t.assertAllConsumed();
  }

  @Test
  void signaturePassword_sentUpperCased_exactlyOnce() throws Exception {
    ScriptedTransport t = ScriptedTransport.create(TransportCapabilities.shortOnly())
        .expect(SELECT_JPKI, "9000")
        .expect("00A4020C02001B", "9000")
        .expect("00200080", "63C5")
        .expect("0020008006" + Hex.encode("ABC123".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "63C4");
    try (MyNumberCard card = MyNumberCard.open(t); Pin pw = Pin.signaturePassword(chars("abc123"))) {
      assertThatThrownBy(() -> card.jpki().verify(pw)).isInstanceOf(WrongPinException.class)
          .hasMessageContaining("4 tries left");
    }
    t.assertAllConsumed();
  }

  @Test
  void readBinary_unexpectedStatusWord_namesFileAndOffset() {
    ScriptedTransport t = ScriptedTransport.create(TransportCapabilities.shortOnly())
        .expect(SELECT_JPKI, "9000")
        .expect("00A4020C02000A", "9000")
        .expect("00B0000000", "6F00");
    try (MyNumberCard card = MyNumberCard.open(t)) {
      assertThatThrownBy(() -> card.jpki().authCertificate()).isInstanceOf(CardStatusException.class)
          .hasMessageContaining("READ BINARY JPKI AP EF 000A at offset 0").hasMessageContaining("6F00");
    }
    t.assertAllConsumed();
  }

  @Test
  void responseShorterThanStatusWord_malformed() {
    dev.jpki.testkit.transport.VirtualCardTransport t =
        VirtualCards.transport(dev.jpki.testkit.Personas.DEFAULT, VirtualCards.SHORT).truncateResponse(1, 1);
    try (MyNumberCard card = MyNumberCard.open(t)) {
      assertThatThrownBy(() -> card.jpki().token()).isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("response APDU");
      assertThat(card.selectedApplication()).isEmpty();
    }
  }

  @Test
  void certificateCorruptedInTransit_malformedNamingTheFile() {
    // the 3rd exchange is the first READ BINARY of EF 000A: corrupt its first byte (the 30 tag)
    dev.jpki.testkit.transport.VirtualCardTransport t =
        VirtualCards.transport(dev.jpki.testkit.Personas.DEFAULT, VirtualCards.SHORT).corruptResponse(3, 0);
    try (MyNumberCard card = MyNumberCard.open(t)) {
      assertThatThrownBy(() -> card.jpki().authCertificate()).isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("JPKI AP EF 000A");
    }
  }

  @Test
  void emptyVerifyAnswersUnexpectedly_cardStatusNotAPinOutcome() {
    ScriptedTransport t = ScriptedTransport.create(TransportCapabilities.shortOnly())
        .expect(SELECT_JPKI, "9000")
        .expect("00A4020C020018", "9000")
        .expect("00200080", "6A86");
    try (MyNumberCard card = MyNumberCard.open(t); Pin pin = Pin.authentication(chars("1234"))) {
      assertThatThrownBy(() -> card.jpki().verify(pin)).isInstanceOf(CardStatusException.class)
          .isNotInstanceOf(PinException.class).hasMessageContaining("retry-counter query");
    }
    t.assertAllConsumed(); // and the PIN was never sent
  }

  @Test
  void tokenLabel_garbage_malformed() {
    ScriptedTransport t = ScriptedTransport.create(TransportCapabilities.shortOnly())
        .expect(SELECT_JPKI, "9000")
        .expect("00A4020C020006", "9000")
        .expect("00B0000020", "4A504B4907" + "20".repeat(27) + "9000");
    try (MyNumberCard card = MyNumberCard.open(t)) {
      assertThatThrownBy(() -> card.jpki().token()).isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("JPKI AP EF 0006 at offset 4");
    }
  }

  @Test
  void getResponseAndWrongLe_handledByTheChannel() throws Exception {
    // a card that answers 6Cxx then 61xx (docs/card-protocol.md §3.2: no source saw it, but readers must cope)
    ScriptedTransport t = ScriptedTransport.create(TransportCapabilities.shortOnly())
        .expect(SELECT_JPKI, "9000")
        .expect("00A4020C020006", "9000")
        .expect("00B0000020", "6C20")
        .expect("00B0000020", "4A504B4941504943" + "6110")
        .expect("00C0000010", "43544F4B454E32" + "20".repeat(9) + "6108")
        .expect("00C0000008", "20".repeat(8) + "9000");
    try (MyNumberCard card = MyNumberCard.open(t)) {
      assertThat(card.jpki().token()).isEqualTo(TokenType.MY_NUMBER_CARD);
    }
    t.assertAllConsumed();
  }
}
