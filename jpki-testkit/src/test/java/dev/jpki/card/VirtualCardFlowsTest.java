// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static dev.jpki.card.VirtualCards.date;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.internal.LoginMessage;
import dev.jpki.internal.BerTlv;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every card flow against the virtual card with the default persona. */
class VirtualCardFlowsTest {
  private final Persona p = Personas.get(Personas.DEFAULT);

  @Test
  void info_defaultPersona() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT)) {
      CardInfo info = card.info();
      assertThat(info.tokenType()).isEqualTo(TokenType.MY_NUMBER_CARD);
      assertThat(info.applications()).containsExactly(Application.JPKI, Application.TEXT, Application.VISUAL,
          Application.COMMON, Application.JUKI);
      assertThat(info.triesLeft(Application.JPKI, PinType.AUTHENTICATION)).hasValue(3);
      assertThat(info.triesLeft(Application.JPKI, PinType.SIGNATURE)).hasValue(5);
      assertThat(info.triesLeft(Application.TEXT, PinType.TEXT)).hasValue(3);
      assertThat(info.triesLeft(Application.COMMON, PinType.COMMON)).hasValue(3);
      assertThat(info.triesLeft(Application.JUKI, PinType.COMMON)).hasValue(3);
      assertThat(info.pinStatus(Application.VISUAL, PinType.VERIFICATION_B).get().state())
          .isEqualTo(PinStatus.State.AVAILABLE);
    }
  }

  @Test
  void certificates_matchThePersona() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT); Pin pw = Pin.signaturePassword(chars("abc123"))) {
      assertThat(card.jpki().authCertificate()).isEqualTo(p.authCertificate());
      assertThat(card.jpki().signatureCertificate(pw)).isEqualTo(p.signCertificate().get());
      assertThat(card.jpki().caCertificate(KeyType.AUTHENTICATION).getSubjectX500Principal())
          .isEqualTo(p.authCertificate().getIssuerX500Principal());
      assertThat(card.jpki().caCertificate(KeyType.SIGNATURE).getSubjectX500Principal())
          .isEqualTo(p.signCertificate().get().getIssuerX500Principal());
    }
  }

  @Test
  void sign_bothKeys_verifyWithTheCertificates() throws Exception {
    byte[] data = "契約書".getBytes(StandardCharsets.UTF_8);
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin pin = Pin.authentication(chars(p.authPin()));
        Pin pw = Pin.signaturePassword(chars(p.signPassword()))) {
      card.jpki().verify(pin);
      byte[] authSig = card.jpki().signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256, hash);
      card.jpki().verify(pw);
      byte[] signSig = card.jpki().signHash(KeyType.SIGNATURE, HashAlgorithm.SHA256, hash);
      assertThat(verify(p.authCertificate().getPublicKey(), data, authSig)).isTrue();
      assertThat(verify(p.signCertificate().get().getPublicKey(), data, signSig)).isTrue();
      assertThat(authSig).hasSize(256);
    }
  }

  @Test
  void signLogin_signsTheLabelledMessageForTheOrigin_withTheAuthKey() throws Exception {
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT); Pin pin = Pin.authentication(chars(p.authPin()))) {
      card.jpki().verify(pin);
      byte[] sig = card.jpki().signLogin("https://Login.Example.JP:443/path", challenge);
      java.security.PublicKey key = p.authCertificate().getPublicKey();
      assertThat(verify(key, LoginMessage.encode("https://login.example.jp", challenge), sig)).isTrue();
      assertThat(verify(key, challenge, sig)).as("not a signature over the bare challenge").isFalse();
      assertThat(verify(key, LoginMessage.encode("https://other.example.jp", challenge), sig)).isFalse();
    }
  }

  @Test
  void signLogin_badOriginOrChallenge_isRefusedBeforeTheCard() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> card.jpki().signLogin("file:///etc", new byte[32]))
          .isInstanceOf(IllegalArgumentException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> card.jpki().signLogin("https://a.example", new byte[8]))
          .isInstanceOf(IllegalArgumentException.class);
      // no credential was verified and no signing was attempted: the auth PIN tries are untouched
      assertThat(card.jpki().pinStatus(PinType.AUTHENTICATION).triesLeft()).hasValue(3);
    }
  }

  private static boolean verify(java.security.PublicKey key, byte[] data, byte[] sig) throws Exception {
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(key);
    v.update(data);
    return v.verify(sig);
  }

  @Test
  void text_myNumberAndFourInfo_matchThePersona_andTheIntegrityDigests() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT); Pin pin = Pin.text(chars(p.textPin()))) {
      TextApplet text = card.text();
      assertThat(text.myNumber(pin).digits()).isEqualTo(p.myNumber());
      BasicInfo info = text.basicInfo();
      assertThat(info.name()).isEqualTo(p.name());
      assertThat(info.address()).isEqualTo(p.address());
      assertThat(info.birthDate()).isEqualTo(date(p.birthDate()));
      assertThat(info.sex()).isEqualTo(p.sex());
      // the raw data is what the integrity record signs (docs/card-protocol.md §6.4)
      BerTlv integrity = BerTlv.parse(text.integrityRecord(), "EF 0003");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      assertThat(text.myNumberFile()).hasSize(17);
      assertThat(integrity.child(0xDF31).value()).isEqualTo(sha.digest(text.myNumberFile()));
      BerTlv ff20 = BerTlv.parse(info.encoded(), "EF 0002");
      BerTlv name = ff20.child(0xDF22);
      byte[] afterTable = Arrays.copyOfRange(info.encoded(), name.offset(), info.encoded().length);
      assertThat(integrity.child(0xDF32).value()).isEqualTo(sha.digest(afterTable));
      assertThat(BerTlv.parse(text.cardVerifiableCertificate(), "EF 0004").tag()).isEqualTo(0x7F21);
      assertThat(BerTlv.parse(text.signedCardKey(), "EF 0007").tag()).isEqualTo(0xFF50);
    }
  }

  @Test
  void text_verificationCodes_openTheirFiles() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin a = Pin.verificationCodeA(MyNumber.of(p.myNumber()));
        Pin b = Pin.verificationCodeB(date(p.birthDate()), p.cardExpiry().getYear(), chars(p.securityCode()))) {
      assertThat(card.text().myNumber(a).digits()).isEqualTo(p.myNumber());
      assertThat(card.text().basicInfo(b).name()).isEqualTo(p.name());
    }
  }

  @Test
  void visual_cardFace_ageRecord_andLiveness() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin b = Pin.verificationCodeB(chars(p.pinB()));
        Pin dob = Pin.dateOfBirthKey(date(p.birthDate()))) {
      CardFace face = card.visual().cardFace(b);
      assertThat(face.birthDate()).isEqualTo(date(p.birthDate()));
      assertThat(face.expiryDate()).isEqualTo(date(p.cardExpiry()));
      assertThat(face.sex()).isEqualTo(p.sex());
      assertThat(face.photo()).startsWith(0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20);
      assertThat(face.nameImage()).startsWith((byte) 0x89, 'P', 'N', 'G');
      assertThat(face.cardPublicKey()).isEqualTo((RSAPublicKey) p.visualCardKeyPair().get().getPublic());
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      assertThat(face.isChallengeSignatureValid(challenge, card.visual().signChallenge(challenge))).isTrue();

      AgeRecord age = card.visual().ageRecord(dob);
      assertThat(age.birthDate()).isEqualTo(date(p.birthDate()));
      assertThat(age.cardPublicKey()).isEqualTo(face.cardPublicKey());
    }
  }

  @Test
  void text_challenge_signedByTheTextCardKey() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT)) {
      byte[] challenge = {1, 2, 3, 4, 5, 6, 7, 8};
      byte[] sig = card.text().signChallenge(challenge);
      assertThat(verify(p.textCardKeyPair().get().getPublic(), challenge, sig)).isTrue();
    }
  }

  @Test
  void common_record_matchesThePersona() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT)) {
      CommonRecord r = card.common().record();
      assertThat(r.serialNumber()).isEqualTo(p.cardSerial());
      assertThat(r.municipalityCode()).isEqualTo(p.municipalityCode());
      assertThat(r.expiryDate()).isEqualTo(date(p.cardExpiry()));
    }
  }

  @Test
  void changePin_thenNewPinOpensTheKey() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT);
        Pin old = Pin.authentication(chars("1234"));
        Pin neu = Pin.authentication(chars("8642"))) {
      card.jpki().changePin(old, neu);
      card.text().cardVerifiableCertificate(); // leave the JPKI AP: verified state cleared
      card.jpki().verify(neu);
      assertThat(card.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32])))
          .hasSize(256);
    }
  }

  @Test
  void sign_afterSwitchingApplications_explainsTheClearedPin() throws Exception {
    try (MyNumberCard card = VirtualCards.open(Personas.DEFAULT); Pin pin = Pin.authentication(chars("1234"))) {
      card.jpki().verify(pin);
      card.visual().cardVerifiableCertificate();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32])))
          .isInstanceOf(dev.jpki.apdu.SecurityStatusException.class)
          .hasMessageContaining("selecting the visual AP since then cleared it");
    }
  }
}
