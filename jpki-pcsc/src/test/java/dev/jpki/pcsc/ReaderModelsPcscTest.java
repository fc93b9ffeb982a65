// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.ExtendedLength;
import dev.jpki.apdu.TransportException;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.pcsc.PcscTransport.Options;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.reader.ReaderCards;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The testkit's reader models through the real PC/SC stack (docs/card-protocol.md §16): the virtual card
 * wrapped by a card-side model ({@link ReaderCards}) behind vpcd slot 0, driven through pcscd by
 * {@link PcscTransport}. Each card flow returns the same data as on a plain reader, each credential is sent
 * once (the bridge's APDU count bounds the exchange), and no try is spent. Skipped without pcscd unless
 * {@code JPKI_REQUIRE_PCSC=true} (CI). The link-level models (CCID buffer errors, lost tags) cannot be
 * produced through vpcd; they run in process ({@code ReaderModelsTest}) and behind the mocked IsoDep.
 */
@ResourceLock("pcsc-slot-0")
@Timeout(120)
class ReaderModelsPcscTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final Options PROVE = Options.builder().extendedLength(ExtendedLength.PROVE).build();
  private static final Options ALWAYS = Options.builder().extendedLength(ExtendedLength.ALWAYS).build();

  static PcscReaders readers;
  static CardTerminal slot0;

  VirtualMyNumberCard card;
  VpcdBridge bridge;
  /** What reached the card (the bridge serves it on its own thread). */
  final List<byte[]> seen = Collections.synchronizedList(new ArrayList<>());

  /** A card-side reader model, the options the application opens with, and whether it falls back. */
  record Model(String name, UnaryOperator<ApduProcessor> cardSide, Options options, boolean fallsBack) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Model> models() {
    return Stream.of(
        new Model("plain reader, default short reads", c -> c, Options.defaults(), false),
        new Model("plain reader, extended proven", c -> c, PROVE, false),
        new Model("reader answering 6700 to extended Le, extended opted in", ReaderCards::refusesExtendedLe, ALWAYS, true),
        new Model("reader answering 6700 to extended Le, proving fails", ReaderCards::refusesExtendedLe, PROVE, true),
        new Model("reader cutting responses to 256 bytes, proving fails",
            c -> ReaderCards.truncatesLongResponses(c, 256), PROVE, true),
        new Model("T=0-like reader (61xx, 6Cxx, GET RESPONSE), default short reads", ReaderCards::t0,
            Options.defaults(), false));
  }

  @BeforeAll
  static void requirePcscd() throws Exception {
    readers = PcscTestSupport.vpcdOrNull(ReaderModelsPcscTest.class);
    if (readers != null) {
      slot0 = readers.byName(PcscTestSupport.SLOT_0);
    }
  }

  @BeforeEach
  void newCard() {
    PcscTestSupport.assumeVpcd();
    card = P.newCard();
  }

  @AfterEach
  void remove() throws Exception {
    if (bridge != null) {
      PcscTestSupport.remove(bridge, slot0);
      bridge = null;
    }
  }

  private MyNumberCard open(Model m) throws Exception {
    ApduProcessor model = m.cardSide().apply(card);
    ApduProcessor recording = new ApduProcessor() {
      @Override
      public byte[] process(byte[] command) {
        seen.add(command.clone());
        return model.process(command);
      }

      @Override
      public void reset() {
        model.reset();
      }

      @Override
      public byte[] atr() {
        return model.atr();
      }
    };
    bridge = PcscTestSupport.insert(recording, slot0, 0);
    return MyNumberCard.open(PcscTransport.connect(slot0, m.options()));
  }

  private long verifiesWithData() {
    synchronized (seen) {
      return seen.stream().filter(c -> (c[1] & 0xFF) == 0x20 && c.length > 5).count();
    }
  }

  private void assertTriesFull() {
    assertThat(card.triesLeft(Application.JPKI, 0x0018)).hasValue(3);
    assertThat(card.triesLeft(Application.JPKI, 0x001B)).hasValue(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void certificatesAndSignature_sameData_credentialsOnce(Model m) throws Exception {
    byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);
    try (MyNumberCard s = open(m);
        Pin pw = Pin.signaturePassword(P.signPassword().toCharArray());
        Pin pin = Pin.authentication(P.authPin().toCharArray())) {
      assertThat(s.jpki().authCertificate()).isEqualTo(P.authCertificate());
      assertThat(s.jpki().signatureCertificate(pw)).isEqualTo(P.signCertificate().get());
      byte[] sig = s.jpki().verifyAndSign(KeyType.AUTHENTICATION, pin, digestInfo);
      Signature v = Signature.getInstance("NONEwithRSA");
      v.initVerify(P.authCertificate().getPublicKey());
      v.update(digestInfo);
      assertThat(v.verify(sig)).isTrue();
      assertThat(s.fellBackToShortReads()).isEqualTo(m.fallsBack());
      if (m.options() == PROVE && !m.fallsBack()) {
        assertThat(s.capabilities().sizing()).isEqualTo(ExtendedLength.PROVE);
        assertThat(s.provenResponseData()).isGreaterThan(256);
      }
      assertThat(card.rsaOperationCount()).isEqualTo(1);
      assertThat(verifiesWithData()).isEqualTo(2);
      assertTriesFull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void cardFace_sameBytesAsAPlainReader(Model m) throws Exception {
    byte[] expected;
    try (MyNumberCard perfect = MyNumberCard.open(P.newCard().transport());
        Pin b = Pin.verificationCodeB(P.pinB().toCharArray())) {
      perfect.visual().verify(b);
      expected = perfect.visual().cardFaceFile();
    }
    try (MyNumberCard s = open(m); Pin b = Pin.verificationCodeB(P.pinB().toCharArray())) {
      s.visual().verify(b);
      assertThat(s.visual().cardFaceFile()).isEqualTo(expected);
    }
  }

  @Test
  void cardRemovedAndReinserted_verifiedStateLost_pinNeverResent() throws Exception {
    Model plain = new Model("plain", c -> c, Options.defaults(), false);
    byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);
    try (MyNumberCard s = open(plain); Pin pin = Pin.authentication(P.authPin().toCharArray())) {
      s.jpki().verify(pin);
      long apdusBefore = bridge.apduCount();
      PcscTestSupport.remove(bridge, slot0);
      bridge = null;
      assertThatThrownBy(() -> s.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.reason()).isIn(TransportException.Reason.CARD_REMOVED));
      assertThat(apdusBefore).isPositive();
    }
    assertThat(verifiesWithData()).isEqualTo(1);
    // re-inserted: a new connection, the card powered again; the PIN was sent once in all
    card.reset();
    try (MyNumberCard s = open(plain)) {
      assertThat(s.jpki().isVerified(dev.jpki.card.PinType.AUTHENTICATION)).isFalse();
      assertThat(s.jpki().authCertificate()).isEqualTo(P.authCertificate());
    }
    assertTriesFull();
  }
}
