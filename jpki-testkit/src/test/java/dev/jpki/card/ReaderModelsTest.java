// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.reader.IdleResettingTransactions;
import dev.jpki.testkit.reader.ReaderCards;
import dev.jpki.testkit.reader.ReaderTransports;
import dev.jpki.testkit.reader.TestClock;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every card flow on every reader and phone model (docs/card-protocol.md §16), on the in-process virtual
 * card: each flow returns the same data as on a perfect reader, sends each credential exactly once and
 * leaves every retry counter full; models that cannot carry a flow fail it with the documented typed
 * error.
 */
class ReaderModelsTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final TransportCapabilities SHORT = TransportCapabilities.shortOnly();
  /** What a caller opts into on PC/SC: extended APDUs, javax.smartcardio's 8192-byte responses. */
  private static final TransportCapabilities PCSC_OPT_IN = TransportCapabilities.extended(65535, 8192);

  /** PC/SC with {@code ExtendedLength.PROVE}: short reads until a large extended READ BINARY proved the reader. */
  private static final TransportCapabilities PCSC_PROVE = TransportCapabilities.proveExtended(65535, 8192);
  /** A phone with {@code ExtendedLength.PROVE} and a 4 KB cap. */
  private static final TransportCapabilities NFC_PROVE = TransportCapabilities.proveExtended(65535, 4096);

  /**
   * A reader model: how the card is wrapped, the capabilities the transport reports, the link around it,
   * whether the session falls back to short reads, and how many extended READ BINARYs reading the auth
   * certificate and then its CA certificate sends (the failing one included).
   */
  record Model(String name, UnaryOperator<ApduProcessor> cardSide, TransportCapabilities caps,
      Function<CardTransport, CardTransport> linkSide, boolean fallsBack, int extendedReadsForTwoCerts) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Model> models() {
    return Stream.of(
        new Model("short APDUs (default on PC/SC and NFC)", c -> c, SHORT, t -> t, false, 0),
        new Model("good PC/SC reader, extended opted in", c -> c, PCSC_OPT_IN, t -> t, false, 2),
        new Model("good PC/SC reader, extended proven", c -> c, PCSC_PROVE, t -> t, false, 2),
        new Model("CCID reader with a 271-byte buffer, extended opted in", c -> c, PCSC_OPT_IN,
            t -> ReaderTransports.ccidShortBuffer(t, 271), true, 1),
        new Model("CCID reader with a 271-byte buffer, proving fails", c -> c, PCSC_PROVE,
            t -> ReaderTransports.ccidShortBuffer(t, 271), true, 1),
        new Model("reader answering 6700 to extended Le, extended opted in", ReaderCards::refusesExtendedLe,
            PCSC_OPT_IN, t -> t, true, 1),
        new Model("reader answering 6700 to extended Le, proving fails", ReaderCards::refusesExtendedLe,
            PCSC_PROVE, t -> t, true, 1),
        new Model("T=0 reader (61xx, 6Cxx, GET RESPONSE)", ReaderCards::t0, SHORT, t -> t, false, 0),
        new Model("reader cutting responses to 256 bytes with 9000, extended opted in",
            c -> ReaderCards.truncatesLongResponses(c, 256), PCSC_OPT_IN, t -> t, true, 1),
        new Model("reader cutting responses to 256 bytes with 9000, proving fails",
            c -> ReaderCards.truncatesLongResponses(c, 256), PCSC_PROVE, t -> t, true, 1),
        new Model("phone delivering at most 1024 bytes, extended opted in", c -> c,
            TransportCapabilities.extended(65535, 4096), t -> ReaderTransports.phoneWithSmallResponses(t, 1024),
            true, 1),
        // the rest of the auth certificate fits in 1024 bytes, so it proves; the CA certificate in one
        // read does not, so that read fails and the session falls back
        new Model("phone delivering at most 1024 bytes, extended proven then failing", c -> c, NFC_PROVE,
            t -> ReaderTransports.phoneWithSmallResponses(t, 1024), true, 2));
  }

  static Stream<Model> lyingReaders() {
    return models().filter(m -> m.caps().equals(PCSC_PROVE) && m.fallsBack());
  }

  /** Records the commands a flow sends. */
  static final class Recorder extends ForwardingTransport {
    final List<byte[]> commands = new ArrayList<>();

    Recorder(CardTransport delegate) {
      super(delegate);
    }

    @Override
    public byte[] transceive(byte[] command) throws TransportException {
      commands.add(command.clone());
      return super.transceive(command);
    }

    /** VERIFY commands that carry a credential (the empty VERIFY only reads the counter). */
    long verifiesWithData() {
      return commands.stream().filter(c -> (c[1] & 0xFF) == 0x20 && c.length > 5).count();
    }

    long signatures() {
      return commands.stream().filter(c -> (c[1] & 0xFF) == 0x2A).count();
    }
  }

  static final class Rig implements AutoCloseable {
    final VirtualMyNumberCard card = P.newCard();
    final Recorder recorder;
    final MyNumberCard session;

    Rig(Model m) {
      ApduProcessor wrapped = m.cardSide().apply(card);
      CardTransport t = VirtualCardTransport.builder(wrapped).capabilities(m.caps()).build();
      recorder = new Recorder(m.linkSide().apply(t));
      session = MyNumberCard.open(recorder);
    }

    void assertTriesFull() {
      assertThat(card.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x0018)).hasValue(3);
      assertThat(card.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x001B)).hasValue(5);
    }

    @Override
    public void close() {
      session.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void certificates_sameBytes_oneVerify(Model m) throws Exception {
    try (Rig r = new Rig(m); Pin pw = Pin.signaturePassword(chars(P.signPassword()))) {
      assertThat(r.session.jpki().authCertificate()).isEqualTo(P.authCertificate());
      assertThat(r.session.jpki().signatureCertificate(pw)).isEqualTo(P.signCertificate().get());
      assertThat(r.recorder.verifiesWithData()).isEqualTo(1);
      r.assertTriesFull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void verifyAndSign_oneVerify_oneSignature_validSignature(Model m) throws Exception {
    byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);
    try (Rig r = new Rig(m); Pin pin = Pin.authentication(chars(P.authPin()))) {
      r.session.jpki().authCertificate(); // a large read first, so fallback happens before the signature
      byte[] sig = r.session.jpki().verifyAndSign(KeyType.AUTHENTICATION, pin, digestInfo);
      Signature v = Signature.getInstance("NONEwithRSA");
      v.initVerify(P.authCertificate().getPublicKey());
      v.update(digestInfo);
      assertThat(v.verify(sig)).isTrue();
      assertThat(r.recorder.verifiesWithData()).isEqualTo(1);
      assertThat(r.recorder.signatures()).isEqualTo(1);
      r.assertTriesFull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void signatureFirst_thenLargeRead_fallbackAroundTheSignature(Model m) throws Exception {
    byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);
    try (Rig r = new Rig(m); Pin pw = Pin.signaturePassword(chars(P.signPassword()))) {
      r.session.jpki().verify(pw);
      r.session.jpki().signDigestInfo(KeyType.SIGNATURE, digestInfo);
      // the signature certificate needs the password verified: a fallback must not lose or repeat it
      assertThat(r.session.jpki().certificate(KeyType.SIGNATURE)).isEqualTo(P.signCertificate().get());
      r.session.jpki().signDigestInfo(KeyType.SIGNATURE, digestInfo);
      assertThat(r.recorder.verifiesWithData()).isEqualTo(1);
      assertThat(r.recorder.signatures()).isEqualTo(2);
      r.assertTriesFull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void cardFaceAndInfo_sameAsPerfectReader(Model m) throws Exception {
    byte[] expected;
    try (MyNumberCard perfect = MyNumberCard.open(VirtualCards.transport(Personas.DEFAULT, VirtualCards.EXTENDED));
        Pin b = Pin.verificationCodeB(chars(P.pinB()))) {
      perfect.visual().verify(b);
      expected = perfect.visual().cardFaceFile();
    }
    try (Rig r = new Rig(m); Pin b = Pin.verificationCodeB(chars(P.pinB()))) {
      CardInfo info = r.session.info();
      assertThat(info.applications()).hasSize(5);
      r.session.visual().verify(b);
      assertThat(r.session.visual().cardFaceFile()).isEqualTo(expected);
      assertThat(r.recorder.verifiesWithData()).isEqualTo(1);
      r.assertTriesFull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void fallback_happensExactlyWhenTheModelCannotCarryLargeResponses(Model m) throws Exception {
    try (Rig r = new Rig(m)) {
      r.session.jpki().authCertificate();
      r.session.jpki().caCertificate(KeyType.AUTHENTICATION);
      long extendedReads = r.recorder.commands.stream()
          .filter(c -> (c[1] & 0xFF) == 0xB0 && c.length == 7 && c[4] == 0).count();
      // at most one extended READ BINARY fails; after it the session reads short
      assertThat(extendedReads).isEqualTo(m.extendedReadsForTwoCerts());
      assertThat(r.session.fellBackToShortReads()).isEqualTo(m.fallsBack());
    }
  }

  /** {@code ExtendedLength.PROVE}: what the proving exchange looks like on the wire, and what a lie costs. */
  @Nested
  class ProvenExtendedLength {
    private List<byte[]> reads(Recorder rec) {
      return rec.commands.stream().filter(c -> (c[1] & 0xFF) == 0xB0).toList();
    }

    @Test
    void goodReader_firstCertificateProves_laterFilesInOneRead() throws Exception {
      Model m = new Model("good", c -> c, PCSC_PROVE, t -> t, false, 2);
      try (Rig r = new Rig(m); Pin b = Pin.verificationCodeB(chars(P.pinB()))) {
        assertThat(r.session.provenResponseData()).isZero();
        r.session.jpki().token(); // 32 bytes: nothing to prove
        assertThat(reads(r.recorder)).allSatisfy(c -> assertThat(c).hasSize(5));
        r.recorder.commands.clear();
        assertThat(r.session.jpki().authCertificate()).isEqualTo(P.authCertificate());
        int size = P.authCertificate().getEncoded().length;
        List<byte[]> certReads = reads(r.recorder);
        assertThat(certReads).hasSize(2);
        assertThat(certReads.get(0)).hasSize(5); // short: its TLV header gives the size
        assertThat(certReads.get(1)).hasSize(7); // extended: exactly the rest
        assertThat(((certReads.get(1)[5] & 0xFF) << 8) | (certReads.get(1)[6] & 0xFF)).isEqualTo(size - 256);
        assertThat(r.session.provenResponseData()).isEqualTo(size - 256);
        assertThat(r.session.fellBackToShortReads()).isFalse();
        r.recorder.commands.clear();
        r.session.visual().verify(b);
        r.session.visual().cardFaceFile();
        assertThat(reads(r.recorder)).hasSize(1);
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jpki.card.ReaderModelsTest#lyingReaders")
    void lyingReader_endsShort_correctData_oneFailedRead_noVerifyRepeated(Model m) throws Exception {
      try (Rig r = new Rig(m); Pin pw = Pin.signaturePassword(chars(P.signPassword()))) {
        // the signature certificate needs the password: the proving exchange comes after the VERIFY
        assertThat(r.session.jpki().signatureCertificate(pw)).isEqualTo(P.signCertificate().get());
        assertThat(r.session.fellBackToShortReads()).isTrue();
        assertThat(r.session.provenResponseData()).isZero();
        assertThat(r.session.jpki().authCertificate()).isEqualTo(P.authCertificate());
        assertThat(r.session.jpki().caCertificate(KeyType.SIGNATURE)).isNotNull();
        long extended = reads(r.recorder).stream().filter(c -> c.length == 7).count();
        assertThat(extended).as("only the proving exchange is extended").isEqualTo(1);
        assertThat(r.recorder.verifiesWithData()).isEqualTo(1);
        r.assertTriesFull();
      }
    }
  }

  @Nested
  class BadReaders {
    @Test
    void responseLongerThanAsked_isATypedError() {
      Model m = new Model("longer", c -> ReaderCards.longerThanAsked(c, 3), PCSC_OPT_IN, t -> t, false, 0);
      try (Rig r = new Rig(m)) {
        // the token label is read with an exact Le: three bytes more than asked for must not pass
        assertThatThrownBy(() -> r.session.jpki().token())
            .isInstanceOf(MalformedResponseException.class)
            .hasMessageContaining("asked for");
      }
    }

    @Test
    void endless61xxChain_stopsWithATypedError_boundedApdus() {
      Model m = new Model("endless", ReaderCards::endlessGetResponse, SHORT, t -> t, false, 0);
      try (Rig r = new Rig(m)) {
        assertThatThrownBy(() -> r.session.jpki().authCertificate())
            .isInstanceOf(MalformedResponseException.class)
            .hasMessageContaining("GET RESPONSE");
        assertThat(r.recorder.commands.size()).isLessThan(300);
      }
    }

    @Test
    void readerCuttingEvenShortResponses_readsOnFromWhereItStopped_neverRepeatsTheVerify() throws Exception {
      Model m = new Model("lying", c -> ReaderCards.truncatesLongResponses(c, 200), PCSC_OPT_IN, t -> t, true, 1);
      try (Rig r = new Rig(m); Pin pw = Pin.signaturePassword(chars(P.signPassword()))) {
        // after the fallback, a short chunk of 200 bytes is a legal partial answer: read on from there
        assertThat(r.session.jpki().signatureCertificate(pw)).isEqualTo(P.signCertificate().get());
        assertThat(r.session.fellBackToShortReads()).isTrue();
        assertThat(r.recorder.verifiesWithData()).isEqualTo(1);
        r.assertTriesFull();
      }
    }
  }

  @Nested
  class TagLossAndRemoval {
    @Test
    void tagLostMidReadBinary_typedError_noVerifySent() {
      VirtualMyNumberCard vc = P.newCard();
      VirtualCardTransport t = VirtualCardTransport.builder(vc).capabilities(SHORT).build();
      t.loseTagDuring(4); // SELECT AP, SELECT EF, READ BINARY, READ BINARY <- lost
      Recorder rec = new Recorder(t);
      try (MyNumberCard card = MyNumberCard.open(rec)) {
        assertThatThrownBy(() -> card.jpki().authCertificate())
            .isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_REMOVED));
        assertThat(rec.verifiesWithData()).isZero();
      }
    }

    @Test
    void tagLostMidSignature_typedError_pinSentOnce_triesUnchanged() throws Exception {
      VirtualMyNumberCard vc = P.newCard();
      VirtualCardTransport t = VirtualCardTransport.builder(vc).capabilities(SHORT).build();
      // SELECT AP, SELECT 0018, empty VERIFY, VERIFY, SELECT 0017, COMPUTE SIGNATURE <- lost
      t.loseTagDuring(6);
      Recorder rec = new Recorder(t);
      try (MyNumberCard card = MyNumberCard.open(rec); Pin pin = Pin.authentication(chars(P.authPin()))) {
        assertThatThrownBy(() -> card.jpki().verifyAndSign(KeyType.AUTHENTICATION, pin,
            HashAlgorithm.SHA256.digestInfo(new byte[32])))
            .isInstanceOfSatisfying(TransportException.class, e -> {
              assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_REMOVED);
              assertThat(e.outcomeUnknown()).isFalse();
            });
        assertThat(rec.verifiesWithData()).isEqualTo(1);
        assertThat(rec.signatures()).isEqualTo(1);
      }
      assertThat(vc.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x0018)).hasValue(3);
    }

    @Test
    void removalAndReinsertion_verifiedStateLost_pinNeverResent() throws Exception {
      VirtualMyNumberCard vc = P.newCard();
      VirtualCardTransport t = VirtualCardTransport.builder(vc).capabilities(SHORT).build();
      Recorder rec = new Recorder(t);
      byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);
      try (MyNumberCard card = MyNumberCard.open(rec); Pin pin = Pin.authentication(chars(P.authPin()))) {
        card.jpki().verify(pin);
        t.removeCard();
        assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo))
            .isInstanceOf(TransportException.class);
        t.insertCard();
        assertThat(card.jpki().isVerified(PinType.AUTHENTICATION)).isFalse();
        assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo))
            .isInstanceOf(SecurityStatusException.class)
            .hasMessageContaining("not verified");
        assertThat(rec.verifiesWithData()).isEqualTo(1);
        card.jpki().verify(pin);
        assertThat(card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo)).hasSize(256);
      }
    }
  }

  @Nested
  class WindowsLikeTransactions {
    private final VirtualMyNumberCard vc = P.newCard();
    private final TestClock clock = new TestClock();
    private final IdleResettingTransactions windows =
        new IdleResettingTransactions(VirtualCardTransport.builder(vc).capabilities(SHORT).build(), vc, clock);
    private final Recorder rec = new Recorder(windows);
    private final byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);

    @Test
    void userThinksTenSecondsBetweenVerifyAndSign_noTransactionIsHeld_noReset() throws Exception {
      try (MyNumberCard card = MyNumberCard.open(rec); Pin pin = Pin.authentication(chars(P.authPin()))) {
        card.jpki().verify(pin);
        assertThat(windows.inTransaction()).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo)).hasSize(256);
        assertThat(windows.resets()).isZero();
        assertThat(windows.inTransaction()).isFalse();
      }
    }

    @Test
    void jcaGetKeyThenSignTenSecondsLater_noTransactionHeldInBetween_noReset_pinSentOnce() throws Exception {
      dev.jpki.card.jca.JpkiProvider provider = new dev.jpki.card.jca.JpkiProvider();
      try (MyNumberCard card = MyNumberCard.open(rec)) {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("JPKI", provider);
        ks.load(dev.jpki.card.jca.JpkiLoadParameter.of(card));
        java.security.PrivateKey key = (java.security.PrivateKey) ks.getKey("auth", P.authPin().toCharArray());
        assertThat(windows.inTransaction()).isFalse();
        clock.advance(Duration.ofSeconds(10)); // the user reads the document, then clicks "sign"
        Signature s = Signature.getInstance("SHA256withRSA", provider);
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(P.authCertificate());
        v.update(new byte[] {1, 2, 3});
        assertThat(v.verify(sig)).isTrue();
        assertThat(windows.resets()).isZero();
        assertThat(rec.verifiesWithData()).isEqualTo(1);
      }
    }

    @Test
    void jcaGetKey_cardResetBeforeTheSignature_verifiedStateLostReported_pinNeverResent() throws Exception {
      dev.jpki.card.jca.JpkiProvider provider = new dev.jpki.card.jca.JpkiProvider();
      try (MyNumberCard card = MyNumberCard.open(rec)) {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("JPKI", provider);
        ks.load(dev.jpki.card.jca.JpkiLoadParameter.of(card));
        java.security.PrivateKey key = (java.security.PrivateKey) ks.getKey("auth", P.authPin().toCharArray());
        clock.advance(Duration.ofSeconds(10));
        windows.resetByAnotherProgram();
        Signature s = Signature.getInstance("SHA256withRSA", provider);
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        assertThatThrownBy(s::sign)
            .isInstanceOf(java.security.SignatureException.class)
            .hasRootCauseInstanceOf(TransportException.class)
            .satisfies(e -> assertThat(((TransportException) rootCause(e)).reason())
                .isEqualTo(TransportException.Reason.CARD_RESET));
        // the key from getKey(alias, pin) does not verify again by itself: the caller must
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        assertThatThrownBy(s::sign)
            .isInstanceOf(java.security.SignatureException.class)
            .hasMessageContaining("reset");
        assertThat(rec.verifiesWithData()).isEqualTo(1);
        assertThat(vc.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x0018)).hasValue(3);
      }
    }

    @Test
    void aTransactionIdleOverFiveSeconds_resetsTheCard_reportedOnce() throws Exception {
      windows.beginExclusive();
      clock.advance(Duration.ofSeconds(6));
      assertThatThrownBy(() -> windows.transceive(new byte[] {0, (byte) 0xA4, 4, 0x0C, 1, 0}))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_RESET));
      assertThat(windows.resets()).isEqualTo(1);
      assertThat(windows.inTransaction()).isFalse();
    }

    @Test
    void resetByAnotherProgram_afterVerify_clearTypedErrors_pinNeverResent() throws Exception {
      try (MyNumberCard card = MyNumberCard.open(rec); Pin pin = Pin.authentication(chars(P.authPin()))) {
        card.jpki().verify(pin);
        windows.resetByAnotherProgram();
        assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo))
            .isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_RESET));
        assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo))
            .isInstanceOf(SecurityStatusException.class)
            .hasMessageContaining("reset")
            .hasMessageContaining("verify again");
        assertThat(rec.verifiesWithData()).isEqualTo(1);
        assertThat(rec.signatures()).isEqualTo(1);
        assertThat(vc.triesLeft(dev.jpki.testkit.card.Application.JPKI, 0x0018)).hasValue(3);
      }
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
