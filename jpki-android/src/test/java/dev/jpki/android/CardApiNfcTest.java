// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import android.nfc.Tag;
import android.nfc.TagLostException;
import android.nfc.tech.IsoDep;
import dev.jpki.Jpki;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.apdu.TransportException;
import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.card.AgeRecord;
import dev.jpki.card.Application;
import dev.jpki.card.CardDate;
import dev.jpki.card.CardFace;
import dev.jpki.card.CardInfo;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.JpkiApplet;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import dev.jpki.card.TokenType;
import dev.jpki.card.WrongPinException;
import dev.jpki.card.jca.JpkiLoadParameter;
import dev.jpki.card.jca.JpkiProvider;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.mockito.InOrder;
import org.mockito.MockedStatic;

/**
 * Every flow of the card API over NFC: MyNumberCard on IsoDepTransport on a Mockito IsoDep whose
 * transceive forwards to the {@code default} persona's virtual card (docs/testing.md §2.2).
 */
class CardApiNfcTest {
  private static final byte[] DATA = "document to sign".getBytes(StandardCharsets.UTF_8);

  static Persona persona;

  VirtualMyNumberCard card;
  List<byte[]> sent;
  IsoDep isoDep;

  @BeforeAll
  static void persona() {
    persona = Personas.get(Personas.DEFAULT);
  }

  @BeforeEach
  void tap() throws Exception {
    card = persona.newCard();
    sent = new ArrayList<>();
    isoDep = IsoDepTransportTest.mockIsoDep(card, sent, true, 65279);
  }

  private MyNumberCard open() throws TransportException {
    return MyNumberCard.open(IsoDepTransport.connect(isoDep, IsoDepTransport.Options.defaults()));
  }

  private static Pin authPin() {
    return Pin.authentication(persona.authPin().toCharArray());
  }

  private static boolean verifies(X509Certificate cert, byte[] data, byte[] signature) throws Exception {
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(cert.getPublicKey());
    v.update(data);
    return v.verify(signature);
  }

  private static CardDate cardDate(LocalDate d) {
    return CardDate.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  private static boolean isComputeSignature(byte[] apdu) {
    return apdu.length > 4 && apdu[0] == (byte) 0x80 && apdu[1] == 0x2A;
  }

  @Test
  void info_overNfc_physicalCardAllApplications() throws Exception {
    try (MyNumberCard session = open()) {
      CardInfo info = session.info();

      assertThat(info.tokenType()).isEqualTo(TokenType.MY_NUMBER_CARD);
      assertThat(info.applications()).contains(Application.JPKI, Application.TEXT, Application.VISUAL, Application.COMMON);
      assertThat(info.triesLeft(Application.JPKI, PinType.AUTHENTICATION)).hasValue(3);
    }
  }

  @Test
  void login_authCertificateAndSignature_verifyAndTimeoutPrecedesRsa() throws Exception {
    try (MyNumberCard session = open(); Pin pin = authPin()) {
      JpkiApplet jpki = session.jpki();
      X509Certificate cert = jpki.authCertificate();
      jpki.verify(pin);
      byte[] signature = jpki.signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256,
          MessageDigest.getInstance("SHA-256").digest(DATA));

      assertThat(cert).isEqualTo(persona.authCertificate());
      assertThat(verifies(cert, DATA, signature)).isTrue();
    }
    InOrder order = inOrder(isoDep);
    order.verify(isoDep).connect();
    order.verify(isoDep).setTimeout(IsoDepTransport.DEFAULT_TIMEOUT_MILLIS);
    order.verify(isoDep).transceive(argThat(CardApiNfcTest::isComputeSignature));
    order.verify(isoDep).close();
  }

  @Test
  void signatureKey_certificateAndSignature_verify() throws Exception {
    try (MyNumberCard session = open();
        Pin password = Pin.signaturePassword(persona.signPassword().toCharArray())) {
      X509Certificate cert = session.jpki().signatureCertificate(password);
      byte[] signature = session.jpki().signDigestInfo(KeyType.SIGNATURE,
          HashAlgorithm.SHA256.digestInfo(MessageDigest.getInstance("SHA-256").digest(DATA)));

      assertThat(cert).isEqualTo(persona.signCertificate().orElseThrow());
      assertThat(verifies(cert, DATA, signature)).isTrue();
    }
  }

  @Test
  void jcaProvider_overNfc_signs() throws Exception {
    try (MyNumberCard session = open()) {
      JpkiProvider provider = new JpkiProvider();
      KeyStore ks = KeyStore.getInstance(JpkiProvider.KEY_STORE_TYPE, provider);
      ks.load(JpkiLoadParameter.of(session));
      PrivateKey key = (PrivateKey) ks.getKey(JpkiProvider.ALIAS_AUTH, persona.authPin().toCharArray());
      Signature s = Signature.getInstance("SHA256withRSA", provider);
      s.initSign(key);
      s.update(DATA);

      assertThat(verifies((X509Certificate) ks.getCertificate(JpkiProvider.ALIAS_AUTH), DATA, s.sign())).isTrue();
    }
  }

  @Test
  void wrongPin_overNfc_reportsTriesLeft() throws Exception {
    try (MyNumberCard session = open(); Pin wrong = Pin.authentication("0000".toCharArray())) {
      WrongPinException e = catchThrowableOfType(WrongPinException.class, () -> session.jpki().verify(wrong));

      assertThat(e.remainingAttempts()).isEqualTo(2);
      assertThat(session.jpki().pinStatus(PinType.AUTHENTICATION).triesLeft()).hasValue(2);
    }
  }

  @Test
  void textAp_myNumberAndBasicInfo() throws Exception {
    try (MyNumberCard session = open(); Pin pin = Pin.text(persona.textPin().toCharArray())) {
      assertThat(session.text().myNumber(pin).digits()).isEqualTo(persona.myNumber());
      assertThat(session.text().basicInfo().name()).isEqualTo(persona.name());
    }
  }

  @Test
  void ageCheck_visualAp_ageRecordCardFaceAndLiveChallenge() throws Exception {
    try (MyNumberCard session = open()) {
      AgeRecord age;
      try (Pin dob = Pin.dateOfBirthKey(persona.dobKey().toCharArray())) {
        age = session.visual().ageRecord(dob);
      }
      CardFace face;
      try (Pin pinB = Pin.verificationCodeB(persona.pinB().toCharArray())) {
        face = session.visual().cardFace(pinB);
      }
      byte[] challenge = "nfc nonce".getBytes(StandardCharsets.US_ASCII);

      assertThat(age.birthDate()).isEqualTo(cardDate(persona.birthDate()));
      assertThat(face.birthDate()).isEqualTo(cardDate(persona.birthDate()));
      assertThat(face.isChallengeSignatureValid(challenge, session.visual().signChallenge(challenge))).isTrue();
    }
  }

  @Test
  void commonAp_record() throws Exception {
    try (MyNumberCard session = open()) {
      assertThat(session.common().record().serialNumber()).isEqualTo(persona.cardSerial());
    }
  }

  @Test
  void shortOnlyIsoDep_sameCertificate_noCommandLongerThanShort() throws Exception {
    IsoDep shortPhone = IsoDepTransportTest.mockIsoDep(card, sent, false, 261);
    try (MyNumberCard session = MyNumberCard.open(IsoDepTransport.connect(shortPhone, IsoDepTransport.Options.defaults()))) {
      assertThat(session.capabilities().extendedLength()).isFalse();
      assertThat(session.jpki().authCertificate()).isEqualTo(persona.authCertificate());
    }
    assertThat(sent).isNotEmpty().allSatisfy(c -> assertThat(IsoDepTransport.isExtended(c)).isFalse());
  }

  @Test
  void loanPattern_closesIsoDep() throws Exception {
    X509Certificate cert = Jpki.with(IsoDepTransport.connect(isoDep, IsoDepTransport.Options.defaults()),
        s -> s.jpki().authCertificate());

    assertThat(cert).isEqualTo(persona.authCertificate());
    verify(isoDep).close();
  }

  /** Runs the login of the tag-loss test on a short-only IsoDep. */
  private static void login(IsoDep isoDep) throws Exception {
    try (MyNumberCard session = MyNumberCard.open(IsoDepTransport.connect(isoDep, IsoDepTransport.Options.defaults()));
        Pin pin = authPin()) {
      session.jpki().authCertificate();
      session.jpki().verify(pin);
      session.jpki().signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256, new byte[32]);
    }
  }

  /** Every APDU index of a clean login, measured on a fresh card. */
  static java.util.stream.IntStream loginApduIndexes() throws Exception {
    List<byte[]> clean = new ArrayList<>();
    login(IsoDepTransportTest.mockIsoDep(Personas.get(Personas.DEFAULT).newCard(), clean, false, 261));
    assertThat(clean).as("a login reads, verifies and signs").hasSizeGreaterThan(5);
    assertThat(clean).as("the login contains a VERIFY with the PIN").anyMatch(c -> c[1] == 0x20 && c.length > 5);
    return java.util.stream.IntStream.range(0, clean.size());
  }

  /** The tag is lost at the n-th APDU of a login (cert read, VERIFY, SIGN): always CARD_REMOVED. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("loginApduIndexes")
  void login_tagLostAtEachApdu_cardRemovedAndOutcomeUnknownOnlyAtVerifyWithPin(int lostAt) throws Exception {
    List<byte[]> seen = new ArrayList<>();
    AtomicBoolean lost = new AtomicBoolean();
    IsoDep shortPhone = IsoDepTransportTest.mockIsoDep(card, new ArrayList<>(), false, 261);
    when(shortPhone.transceive(any(byte[].class))).thenAnswer(inv -> {
      byte[] c = inv.getArgument(0);
      if (seen.size() == lostAt) {
        seen.add(c);
        lost.set(true);
        throw mock(TagLostException.class);
      }
      seen.add(c);
      return card.process(c);
    });

    TransportException e = catchThrowableOfType(TransportException.class, () -> login(shortPhone));

    assertThat(lost).isTrue();
    byte[] failed = seen.get(lostAt);
    boolean verifyWithPin = failed[1] == 0x20 && failed.length > 5;
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.CARD_REMOVED);
    assertThat(e.getMessage()).contains("card moved away");
    assertThat(e.outcomeUnknown()).isEqualTo(verifyWithPin);
  }

  @Test
  void afterVerify_newTapNewSession_signingRefused() throws Exception {
    try (MyNumberCard session = open(); Pin pin = authPin()) {
      session.jpki().verify(pin);
    }
    card.reset(); // the card left the field: power cycle on the next tap

    try (MyNumberCard session = open()) {
      SecurityStatusException e = catchThrowableOfType(SecurityStatusException.class,
          () -> session.jpki().signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256, new byte[32]));
      assertThat(e.sw()).isEqualTo(0x6982);
    }
  }

  @Test
  void readerModeFlow_loginOnWorkerThread_resultDelivered() throws Exception {
    ExecutorService worker = Executors.newSingleThreadExecutor();
    BlockingQueue<Object> outcome = new ArrayBlockingQueue<>(1);
    Tag tag = mock(Tag.class);
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
    try {
      JpkiNfcReader<byte[]> reader = JpkiNfcReader.<byte[]>builder(
              transport -> Jpki.with(transport, s -> {
                try (Pin pin = authPin()) {
                  s.jpki().verify(pin);
                }
                return s.jpki().signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256, hash);
              }),
              JpkiNfcReader.Callback.of(outcome::add, outcome::add))
          .executor(task -> worker.execute(() -> {
            try (MockedStatic<IsoDep> st = mockStatic(IsoDep.class)) { // static mocks are per thread
              st.when(() -> IsoDep.get(tag)).thenReturn(isoDep);
              task.run();
            }
          }))
          .build();

      reader.onTagDiscovered(tag);
      Object result = outcome.poll(20, TimeUnit.SECONDS);

      assertThat(result).isInstanceOf(byte[].class);
      assertThat(verifies(persona.authCertificate(), DATA, (byte[]) result)).isTrue();
    } finally {
      worker.shutdownNow();
    }
  }
}
