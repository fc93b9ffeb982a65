// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.Jpki;
import dev.jpki.internal.CountingTransport;
import dev.jpki.apdu.TransportException;
import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.card.AgeRecord;
import dev.jpki.card.Application;
import dev.jpki.card.BasicInfo;
import dev.jpki.card.CardDate;
import dev.jpki.card.CardFace;
import dev.jpki.card.CardInfo;
import dev.jpki.card.CommonRecord;
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
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.pcsc.PcscTransport.Options;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every flow of the card API through the real PC/SC stack: MyNumberCard on PcscTransport →
 * javax.smartcardio → pcscd → vpcd → the {@code default} persona's virtual card in slot 0.
 */
@ResourceLock("pcsc-slot-0")
@Timeout(120)
class CardApiPcscTest {
  private static final byte[] DATA = "document to sign".getBytes(StandardCharsets.UTF_8);

  static PcscReaders readers;
  static CardTerminal slot0;
  static Persona persona;

  VirtualMyNumberCard card;
  VpcdBridge bridge;

  @BeforeAll
  static void requirePcscd() throws Exception {
    readers = PcscTestSupport.vpcdOrNull(CardApiPcscTest.class);
    if (readers == null) {
      return; // each test is skipped with the reason (skipWithoutPcscd)
    }
    slot0 = readers.byName(PcscTestSupport.SLOT_0);
    persona = Personas.get(Personas.DEFAULT);
  }

  @BeforeEach
  void insert() throws Exception {
    PcscTestSupport.assumeVpcd();
    card = persona.newCard();
    bridge = PcscTestSupport.insert(card, slot0, 0);
  }

  @AfterEach
  void remove() throws Exception {
    if (bridge != null) {
      PcscTestSupport.remove(bridge, slot0);
    }
  }

  private static MyNumberCard open() throws PcscException {
    return MyNumberCard.open(PcscTransport.connect(slot0));
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

  @Test
  void info_defaultPersona_physicalCardWithAllApplicationsAndFullTries() throws Exception {
    try (MyNumberCard session = open()) {
      CardInfo info = session.info();

      assertThat(info.tokenType()).isEqualTo(TokenType.MY_NUMBER_CARD);
      assertThat(info.applications()).contains(Application.JPKI, Application.TEXT, Application.VISUAL, Application.COMMON);
      assertThat(info.triesLeft(Application.JPKI, PinType.AUTHENTICATION)).hasValue(3);
      assertThat(info.triesLeft(Application.JPKI, PinType.SIGNATURE)).hasValue(5);
    }
  }

  @Test
  void certificates_authAndCaWithoutPin_signWithPassword_equalThePersonas() throws Exception {
    try (MyNumberCard session = open()) {
      JpkiApplet jpki = session.jpki();

      assertThat(jpki.authCertificate()).isEqualTo(persona.authCertificate());
      assertThat(jpki.caCertificate(KeyType.AUTHENTICATION).getSubjectX500Principal())
          .isEqualTo(persona.authCertificate().getIssuerX500Principal());
      try (Pin password = Pin.signaturePassword(persona.signPassword().toCharArray())) {
        assertThat(jpki.signatureCertificate(password)).isEqualTo(persona.signCertificate().orElseThrow());
      }
    }
  }

  @Test
  @SuppressWarnings("try") // a resource held open for its effect on the card/reader, not used
  void signAuth_underExclusiveAccess_signatureVerifiesWithCertificate() throws Exception {
    PcscTransport transport = PcscTransport.connect(slot0);
    try (MyNumberCard session = MyNumberCard.open(transport); Pin pin = authPin()) {
      JpkiApplet jpki = session.jpki();
      X509Certificate cert = jpki.authCertificate();
      byte[] signature;
      // No other process can use the verified state between VERIFY and COMPUTE DIGITAL SIGNATURE.
      transport.beginExclusive();
      try {
        jpki.verify(pin);
        signature = jpki.signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256,
            MessageDigest.getInstance("SHA-256").digest(DATA));
      } finally {
        transport.endExclusive();
      }

      assertThat(verifies(cert, DATA, signature)).isTrue();
    }
    assertThat(transport.isClosed()).isTrue();
  }

  @Test
  void signSignatureKey_withPassword_verifiesWithSignatureCertificate() throws Exception {
    try (MyNumberCard session = open();
        Pin password = Pin.signaturePassword(persona.signPassword().toCharArray())) {
      JpkiApplet jpki = session.jpki();
      X509Certificate cert = jpki.signatureCertificate(password);
      byte[] signature = jpki.signDigestInfo(KeyType.SIGNATURE, HashAlgorithm.SHA256.digestInfo(
          MessageDigest.getInstance("SHA-256").digest(DATA)));

      assertThat(verifies(cert, DATA, signature)).isTrue();
    }
  }

  @Test
  void jcaProvider_keyStoreAndSignature_overPcsc() throws Exception {
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
  void wrongPin_reportsTriesLeft_thenCorrectPinRestoresCounter() throws Exception {
    try (MyNumberCard session = open()) {
      JpkiApplet jpki = session.jpki();
      try (Pin wrong = Pin.authentication("9999".toCharArray())) {
        WrongPinException e = catchThrowableOfType(WrongPinException.class, () -> jpki.verify(wrong));
        assertThat(e.remainingAttempts()).isEqualTo(2);
        assertThat(e.getMessage()).doesNotContain("9999");
      }
      assertThat(jpki.pinStatus(PinType.AUTHENTICATION).triesLeft()).hasValue(2);
      try (Pin pin = authPin()) {
        jpki.verify(pin);
      }
      assertThat(jpki.pinStatus(PinType.AUTHENTICATION).triesLeft()).hasValue(3);
    }
  }

  @Test
  void textAp_myNumberAndBasicInfo_matchThePersona() throws Exception {
    try (MyNumberCard session = open(); Pin pin = Pin.text(persona.textPin().toCharArray())) {
      assertThat(session.text().myNumber(pin).digits()).isEqualTo(persona.myNumber());
      BasicInfo info = session.text().basicInfo();

      assertThat(info.name()).isEqualTo(persona.name());
      assertThat(info.address()).isEqualTo(persona.address());
      assertThat(info.birthDate()).isEqualTo(cardDate(persona.birthDate()));
    }
  }

  @Test
  void visualAp_cardFaceAgeRecordAndLiveChallenge() throws Exception {
    try (MyNumberCard session = open()) {
      CardFace face;
      try (Pin pinB = Pin.verificationCodeB(persona.pinB().toCharArray())) {
        face = session.visual().cardFace(pinB);
      }
      AgeRecord age;
      try (Pin dob = Pin.dateOfBirthKey(persona.dobKey().toCharArray())) {
        age = session.visual().ageRecord(dob);
      }
      byte[] challenge = "fresh nonce 0001".getBytes(StandardCharsets.US_ASCII);
      byte[] answer = session.visual().signChallenge(challenge);

      assertThat(face.birthDate()).isEqualTo(cardDate(persona.birthDate()));
      assertThat(age.birthDate()).isEqualTo(cardDate(persona.birthDate()));
      assertThat(face.isChallengeSignatureValid(challenge, answer)).isTrue();
    }
  }

  @Test
  void commonAp_record_matchesThePersona() throws Exception {
    try (MyNumberCard session = open()) {
      CommonRecord record = session.common().record();

      assertThat(record.serialNumber()).isEqualTo(persona.cardSerial());
      assertThat(record.municipalityCode()).isEqualTo(persona.municipalityCode());
    }
  }

  @Test
  void loanPattern_withResetOnClose_nextSessionIsNotVerified() throws Exception {
    // close() leaves the card as it is by default (docs/card-protocol.md §16); a reset is asked for here
    PcscTransport first = PcscTransport.connect(slot0, Options.builder().resetOnClose(true).build());
    Jpki.with(first, s -> {
      try (Pin pin = authPin()) {
        s.jpki().verify(pin);
      }
      return null;
    });
    assertThat(first.isClosed()).isTrue();
    assertThat(card.isVerified(dev.jpki.testkit.card.Application.JPKI, 0x0018)).isFalse();

    try (MyNumberCard session = open()) {
      dev.jpki.apdu.SecurityStatusException e = catchThrowableOfType(dev.jpki.apdu.SecurityStatusException.class,
          () -> session.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32])));

      assertThat(e.sw()).isEqualTo(0x6982);
    }
  }

  @Test
  void shortOnlyTransport_sameCertificateInMoreApdus_thanOptedInExtended() throws Exception {
    X509Certificate extendedCert;
    int extendedApdus;
    CountingTransport counting = new CountingTransport(
        PcscTransport.connect(slot0, Options.builder().extendedLength(ExtendedLength.ALWAYS).build()));
    try (MyNumberCard session = MyNumberCard.open(counting)) {
      extendedCert = session.jpki().authCertificate();
      extendedApdus = counting.apduCount();
    }
    CountingTransport shortCounting = new CountingTransport(
        PcscTransport.connect(slot0, Options.builder().extendedLength(ExtendedLength.NEVER).build()));
    try (MyNumberCard session = MyNumberCard.open(shortCounting)) {
      assertThat(session.capabilities().extendedLength()).isFalse();
      assertThat(session.jpki().authCertificate()).isEqualTo(extendedCert);
      assertThat(shortCounting.apduCount()).isGreaterThan(extendedApdus);
    }
  }

  @Test
  void cardRemovedBeforeSigning_signThrowsCardRemoved() throws Exception {
    try (MyNumberCard session = open(); Pin pin = authPin()) {
      session.jpki().verify(pin);
      PcscTestSupport.remove(bridge, slot0);
      bridge = null;

      TransportException e = catchThrowableOfType(TransportException.class,
          () -> session.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32])));

      assertThat(e.reason()).isEqualTo(Reason.CARD_REMOVED);
      assertThat(e.outcomeUnknown()).isFalse();
    }
  }

  @Test
  void cardRemovedAtVerifyWithPin_verifyThrowsCardRemovedWithOutcomeUnknown() throws Exception {
    // Pull the card out exactly when the VERIFY carrying the PIN is about to go to the reader.
    PcscTransport pcsc = PcscTransport.connect(slot0);
    dev.jpki.apdu.CardTransport pullsCardAtVerify = new dev.jpki.apdu.CardTransport() {
      @Override
      public byte[] transceive(byte[] command) throws TransportException {
        if (command[1] == 0x20 && command.length > 5 && bridge != null) {
          try {
            PcscTestSupport.remove(bridge, slot0);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          bridge = null;
        }
        return pcsc.transceive(command);
      }

      @Override
      public dev.jpki.apdu.TransportCapabilities capabilities() {
        return pcsc.capabilities();
      }

      @Override
      public void close() {
        pcsc.close();
      }
    };
    try (MyNumberCard session = MyNumberCard.open(pullsCardAtVerify); Pin pin = authPin()) {
      TransportException e = catchThrowableOfType(TransportException.class, () -> session.jpki().verify(pin));

      assertThat(e.reason()).isEqualTo(Reason.CARD_REMOVED);
      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(bridge).as("the card was pulled at the VERIFY").isNull();
    }
  }
}
