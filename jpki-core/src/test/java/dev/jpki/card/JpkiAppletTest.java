// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.internal.Hex;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.apdu.TransportCapabilities;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JpkiAppletTest {
  private final FakeCard fake = Fixtures.defaultCard();
  private final MyNumberCard card = MyNumberCard.open(fake);

  @Test
  void authCertificate_physicalCard_readsWithoutPin() throws Exception {
    X509Certificate cert = card.jpki().authCertificate();
    assertThat(cert.getEncoded()).isEqualTo(Fixtures.authCertDer());
    // SELECT AP, SELECT EF 000A, then 761 bytes in 256-byte chunks; filler after the TLV is not read
    assertThat(fake.log()).containsExactly(
        "00A4040C0AD392F000260100000001",
        "00A4020C02000A",
        "00B0000000",
        "00B0010000",
        "00B00200F9");
  }

  @Test
  void authCertificate_extendedLength_readsInOneCommand() throws Exception {
    FakeCard ext = Fixtures.defaultCard().capabilities(TransportCapabilities.extended(65544, 8192));
    try (MyNumberCard session = MyNumberCard.open(ext)) {
      assertThat(session.jpki().authCertificate().getEncoded()).isEqualTo(Fixtures.authCertDer());
    }
    assertThat(ext.log()).containsExactly(
        "00A4040C0AD392F000260100000001", "00A4020C02000A", "00B00000001FFE");
  }

  @Test
  void authCertificate_twice_readsOnce() throws Exception {
    X509Certificate first = card.jpki().authCertificate();
    int n = fake.count();
    assertThat(card.jpki().authCertificate()).isEqualTo(first);
    assertThat(fake.count()).isEqualTo(n);
  }

  @Test
  void caCertificate_both_readWithoutCredential() throws Exception {
    assertThat(card.jpki().caCertificate(KeyType.AUTHENTICATION).getEncoded()).isEqualTo(Fixtures.caCertDer());
    assertThat(card.jpki().caCertificate(KeyType.SIGNATURE).getEncoded()).isEqualTo(Fixtures.caCertDer());
  }

  @Test
  void signatureCertificate_withoutPassword_refusedNamingTheCredential() {
    assertThatThrownBy(() -> card.jpki().certificate(KeyType.SIGNATURE))
        .isInstanceOf(SecurityStatusException.class)
        .hasMessageContaining("JPKI AP EF 0001").hasMessageContaining("signature password");
  }

  @Test
  void signatureCertificate_withPassword_verifiesThenReads() throws Exception {
    try (Pin pw = Pin.signaturePassword(chars("abc123"))) {
      X509Certificate cert = card.jpki().signatureCertificate(pw);
      assertThat(cert.getEncoded()).isEqualTo(Fixtures.signCertDer());
    }
    assertThat(fake.headers()).containsExactly(
        "00A4040C", "00A4020C", "00200080", "00200080", "00A4020C", "00B00000", "00B00100", "00B00200");
    // the password went out upper-cased, exactly once
    assertThat(fake.log()).contains("0020008006" + Hex.encode(Fixtures.ascii("ABC123")));
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void signHash_authKey_verifiesWithTheCertificate(HashAlgorithm alg) throws Exception {
    byte[] data = "to be signed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] hash = MessageDigest.getInstance(alg.jcaName()).digest(data);
    byte[] sig;
    try (Pin pin = Pin.authentication(chars("1234"))) {
      card.jpki().verify(pin);
      sig = card.jpki().signHash(KeyType.AUTHENTICATION, alg, hash);
    }
    Signature v = Signature.getInstance(alg.name() + "withRSA");
    v.initVerify(Fixtures.cert(Fixtures.authCertDer()).getPublicKey());
    v.update(data);
    assertThat(v.verify(sig)).isTrue();
  }

  @Test
  void sign_flow_isTheLowerBoundSequence() throws Exception {
    byte[] digestInfo = HashAlgorithm.SHA256.digestInfo(new byte[32]);
    try (Pin pin = Pin.authentication(chars("1234"))) {
      card.jpki().verify(pin);
    }
    card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo);
    assertThat(fake.log()).containsExactly(
        "00A4040C0AD392F000260100000001",
        "00A4020C020018",
        "00200080",
        "002000800431323334",
        "00A4020C020017",
        "802A008033" + Hex.encode(digestInfo) + "00");
    // a second signature needs only the COMPUTE DIGITAL SIGNATURE
    fake.clearLog();
    card.jpki().signDigestInfo(KeyType.AUTHENTICATION, digestInfo);
    assertThat(fake.headers()).containsExactly("802A0080");
  }

  @Test
  void signatureKey_signs_andVerifiesWithSignCertificate() throws Exception {
    byte[] data = {1, 2, 3};
    byte[] sig;
    try (Pin pw = Pin.signaturePassword(chars("ABC123"))) {
      card.jpki().verify(pw);
      sig = card.jpki().signHash(KeyType.SIGNATURE, HashAlgorithm.SHA256,
          MessageDigest.getInstance("SHA-256").digest(data));
    }
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(Fixtures.cert(Fixtures.signCertDer()).getPublicKey());
    v.update(data);
    assertThat(v.verify(sig)).isTrue();
  }

  @Test
  void digestInfo_sha224_hasTheSpecPrefix() {
    assertThat(Hex.encode(HashAlgorithm.SHA224.digestInfoPrefix()))
        .isEqualTo("302D300D06096086480165030402040500041C");
    assertThat(HashAlgorithm.SHA224.digestInfo(new byte[28])).hasSize(19 + 28);
    assertThatThrownBy(() -> HashAlgorithm.SHA224.digestInfo(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sign_withoutVerify_refusedSayingThePinIsNotVerified() {
    assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, new byte[51]))
        .isInstanceOf(SecurityStatusException.class)
        .hasMessageContaining("user-authentication PIN is not verified in this session");
  }

  @Test
  void sign_afterSwitchingApplications_reportsThatTheSwitchClearedThePin() throws Exception {
    try (Pin pin = Pin.authentication(chars("1234"))) {
      card.jpki().verify(pin);
    }
    assertThat(card.jpki().isVerified(PinType.AUTHENTICATION)).isTrue();
    card.text().cardVerifiableCertificate(); // selects the text AP: the card clears JPKI's state (docs/card-protocol.md §5.3)
    assertThat(card.jpki().isVerified(PinType.AUTHENTICATION)).isFalse();
    assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, new byte[51]))
        .isInstanceOf(SecurityStatusException.class)
        .hasMessageContaining("verified earlier in this session, but selecting the text AP since then cleared it");
  }

  @Test
  void sign_badInputLength_rejectedBeforeAnyApdu() {
    assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> card.jpki().signDigestInfo(KeyType.AUTHENTICATION, new byte[246]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("245");
    assertThatThrownBy(() -> card.jpki().signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256, new byte[20]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.count()).isZero();
  }

  @Test
  void changePin_verifiesThenChanges_newPinWorks() throws Exception {
    try (Pin old = Pin.authentication(chars("1234")); Pin neu = Pin.authentication(chars("4321"))) {
      card.jpki().changePin(old, neu);
    }
    assertThat(fake.log()).endsWith("002401800434333231");
    try (Pin neu = Pin.authentication(chars("4321"))) {
      card.jpki().verify(neu);
    }
    assertThat(card.jpki().isVerified(PinType.AUTHENTICATION)).isTrue();
  }

  @Test
  void changePin_mixedTypes_rejectedBeforeAnyApdu() {
    try (Pin old = Pin.authentication(chars("1234")); Pin neu = Pin.signaturePassword(chars("ABC1234"))) {
      assertThatThrownBy(() -> card.jpki().changePin(old, neu)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(fake.count()).isZero();
  }

  @Test
  void token_physicalCard_isMyNumberCard() throws Exception {
    TokenType token = card.jpki().token();
    assertThat(token).isEqualTo(TokenType.MY_NUMBER_CARD);
    assertThat(token.isSmartphone()).isFalse();
    assertThat(fake.log()).containsExactly("00A4040C0AD392F000260100000001", "00A4020C020006", "00B0000020");
  }

  @Test
  void smartphone_authCertificateWithoutPin_refusedWithHint_withPinWorks() throws Exception {
    FakeCard phone = Fixtures.smartphone();
    try (MyNumberCard session = MyNumberCard.open(phone)) {
      assertThat(session.jpki().token()).isEqualTo(TokenType.ANDROID);
      assertThat(session.jpki().token().isSmartphone()).isTrue();
      assertThatThrownBy(() -> session.jpki().authCertificate())
          .isInstanceOf(SecurityStatusException.class)
          .hasMessageContaining("smartphone");
      try (Pin pin = Pin.authentication(chars("1234"))) {
        assertThat(session.jpki().authCertificate(pin).getEncoded()).isEqualTo(Fixtures.authCertDer());
      }
    }
  }

  @Test
  void certificate_garbage_malformedNamingTheFile() {
    byte[] notACert = Fixtures.tlv(0x30, new byte[] {1, 2, 3, 4});
    FakeCard bad = new FakeCard().file(Application.JPKI, 0x000A, notACert);
    try (MyNumberCard session = MyNumberCard.open(bad)) {
      assertThatThrownBy(() -> session.jpki().authCertificate())
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("JPKI AP EF 000A").hasMessageContaining("not a valid X.509 certificate");
    }
  }

  @Test
  void certificate_truncatedFile_malformedNamingFileAndOffset() {
    byte[] der = Fixtures.authCertDer();
    FakeCard bad = new FakeCard().file(Application.JPKI, 0x000A, Arrays.copyOf(der, 600));
    try (MyNumberCard session = MyNumberCard.open(bad)) {
      assertThatThrownBy(() -> session.jpki().authCertificate())
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("JPKI AP EF 000A at offset 600")
          .hasMessageContaining("header says 761 bytes");
    }
  }

  @Test
  void certificate_fillerOnly_malformedNotACertificate() {
    FakeCard bad = new FakeCard().file(Application.JPKI, 0x000A, Fixtures.filledWith(64, 0x00));
    try (MyNumberCard session = MyNumberCard.open(bad)) {
      assertThatThrownBy(() -> session.jpki().authCertificate())
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("JPKI AP EF 000A").hasMessageContaining("no certificate here");
    }
  }

  @Test
  void notAMyNumberCard_detectedBySelect() {
    FakeCard other = new FakeCard();
    try (MyNumberCard session = MyNumberCard.open(other)) {
      assertThatThrownBy(() -> session.jpki().authCertificate())
          .isInstanceOf(ApplicationNotFoundException.class)
          .hasMessageContaining("not a My Number Card");
    }
  }
}
