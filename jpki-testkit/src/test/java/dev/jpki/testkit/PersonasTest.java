// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.CardProfile;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.pki.CardCodes;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.IssuedCertificate;
import dev.jpki.card.Sex;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.testkit.pki.TokenType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PersonasTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final String JPKI = "D392F000260100000001";
  private static final String TEXT = "D3921000310001010408";
  private static final String VISUAL = "D3921000310001010402";
  private static final byte[] SHA256_PREFIX = HEX.parseHex("3031300D060960864801650304020105000420");

  static String nfkc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC);
  }

  /** Sends a command; returns data || SW as hex. */
  static String send(VirtualMyNumberCard card, String apduHex) {
    return HEX.formatHex(card.process(HEX.parseHex(apduHex.replace(" ", ""))));
  }

  static int sw(VirtualMyNumberCard card, String apduHex) {
    String r = send(card, apduHex);
    return Integer.parseInt(r.substring(r.length() - 4), 16);
  }

  static void selectAp(VirtualMyNumberCard card, String aid) {
    assertThat(sw(card, "00A4040C0A" + aid)).isEqualTo(0x9000);
  }

  static int select(VirtualMyNumberCard card, int fid) {
    return sw(card, String.format("00A4020C02%04X", fid));
  }

  static int verify(VirtualMyNumberCard card, int fid, String value) {
    assertThat(select(card, fid)).isEqualTo(0x9000);
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    return sw(card, String.format("00200080%02X", v.length) + HEX.formatHex(v));
  }

  /** Reads an EF completely in 256-byte chunks; fails on any SW other than 9000 / 6B00 at the end. */
  static byte[] readAll(VirtualMyNumberCard card, int fid) {
    assertThat(select(card, fid)).isEqualTo(0x9000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; ; ) {
      byte[] r = card.process(HEX.parseHex(String.format("00B0%04X00", off)));
      int s = ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
      if (s == 0x6B00) {
        break;
      }
      assertThat(s).as("READ BINARY at %d", off).isEqualTo(0x9000);
      out.write(r, 0, r.length - 2);
      off += r.length - 2;
      if (r.length - 2 < 256) {
        break;
      }
    }
    return out.toByteArray();
  }

  static int readSw(VirtualMyNumberCard card, int fid) {
    assertThat(select(card, fid)).isEqualTo(0x9000);
    return sw(card, "00B0000004");
  }

  static byte[] digestInfo(byte[] data) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(data);
    byte[] di = Arrays.copyOf(SHA256_PREFIX, SHA256_PREFIX.length + 32);
    System.arraycopy(h, 0, di, SHA256_PREFIX.length, 32);
    return di;
  }

  static boolean verifies(PublicKey key, byte[] data, byte[] sig) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update(data);
    return s.verify(sig);
  }

  static void pkix(X509Certificate leaf, X509Certificate root, Instant at) throws Exception {
    PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    p.setRevocationEnabled(false);
    p.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), p);
  }

  static List<String> names() {
    return Personas.names();
  }

  @Test
  void names_exactlyTheContractPersonas() {
    assertThat(Personas.names())
        .containsExactly("default", "minor", "face-auth", "revoked", "expired", "smartphone", "tampered");
  }

  @Test
  void get_unknownName_listsKnownNames() {
    assertThatThrownBy(() -> Personas.get("nobody"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nobody")
        .hasMessageContaining("face-auth");
  }

  @Test
  void builtInSerialTable_coversExactlyThePersonasCertificates() {
    long signCerts = Personas.names().stream().map(Personas::get)
        .filter(p -> !p.id().equals(Personas.TAMPERED)).filter(p -> p.signCertificate().isPresent()).count();
    long known = java.util.stream.IntStream.rangeClosed(1, 255)
        .filter(n -> TestPki.isBuiltInPersonaSerial(KeyType.SIGNATURE, TestPki.builtInPersonaSerial(KeyType.SIGNATURE, n)))
        .count();
    assertThat(known).isEqualTo(signCerts);
  }

  @Test
  void get_twice_sameInstance() {
    assertThat(Personas.get("default")).isSameAs(Personas.get("default"));
  }

  @Nested
  class ContractData {
    @Test
    void default_matchesCliContract() {
      Persona p = Personas.get(Personas.DEFAULT);
      assertThat(nfkc(p.name())).isEqualTo("試験 花子");
      assertThat(p.name()).isEqualTo("試験\u3000花子");
      assertThat(nfkc(p.address())).isEqualTo("東京都千代田区霞が関1-1-1");
      assertThat(p.birthDate()).isEqualTo(LocalDate.of(1990, 5, 15));
      assertThat(p.sex()).isEqualTo(Sex.FEMALE);
      assertThat(p.myNumber()).isEqualTo("123456789018");
      assertThat(p.cardIssued()).isEqualTo(LocalDate.of(2024, 6, 1));
      assertThat(p.cardExpiry()).isEqualTo(LocalDate.of(2034, 5, 15));
      assertThat(p.securityCode()).isEqualTo("5678");
      assertThat(p.pinB()).isEqualTo("02051520345678");
      assertThat(p.pinA()).isEqualTo("123456789018");
      assertThat(p.dobKey()).isEqualTo("020515");
      assertThat(p.authPin()).isEqualTo("1234");
      assertThat(p.signPassword()).isEqualTo("ABC123");
      assertThat(p.textPin()).isEqualTo("1234");
      assertThat(p.commonPin()).isEqualTo("1234");
      assertThat(p.certificateIssued()).isEqualTo(LocalDate.of(2024, 6, 1));
      assertThat(p.certificateExpiry()).isEqualTo(LocalDate.of(2029, 5, 15));
      for (X509Certificate c : List.of(p.authCertificate(), p.signCertificate().orElseThrow())) {
        assertThat(c.getNotBefore().toInstant()).isEqualTo(Instant.parse("2024-06-01T01:00:00Z"));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(Instant.parse("2029-05-15T14:59:59Z"));
      }
      assertThat(p.tokenType()).isEqualTo(TokenType.CARD);
      assertThat(p.authCertificate().getSerialNumber())
          .isEqualTo(TestPki.builtInPersonaSerial(KeyType.AUTHENTICATION, 1));
    }

    @Test
    void minor_matchesCliContract() {
      Persona p = Personas.get(Personas.MINOR);
      assertThat(p.birthDate()).isEqualTo(LocalDate.of(2010, 8, 20));
      assertThat(p.cardIssued()).isEqualTo(LocalDate.of(2024, 6, 1));
      assertThat(p.cardExpiry()).isEqualTo(LocalDate.of(2028, 8, 20));
      assertThat(p.securityCode()).isEqualTo("1111");
      assertThat(p.pinB()).isEqualTo("22082020281111");
      assertThat(p.signCertificate()).isEmpty();
      assertThat(p.signKeyPair()).isEmpty();
      assertThatThrownBy(p::signPassword).isInstanceOf(IllegalStateException.class);
      assertThat(p.authPin()).isEqualTo("1234");
      assertThat(p.textPin()).isEqualTo("1234");
      assertThat(p.commonPin()).isEqualTo("1234");
      assertThat(p.authCertificate().getNotAfter().toInstant()).isEqualTo(Instant.parse("2028-08-20T14:59:59Z"));
    }

    @Test
    void faceAuth_noPinsNoSignCertificate() {
      Persona p = Personas.get(Personas.FACE_AUTH);
      assertThat(p.hasPins()).isFalse();
      assertThatThrownBy(p::authPin).isInstanceOf(IllegalStateException.class).hasMessageContaining("face-auth");
      assertThatThrownBy(p::textPin).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(p::commonPin).isInstanceOf(IllegalStateException.class);
      assertThat(p.signCertificate()).isEmpty();
      assertThat(p.pinB()).hasSize(14);
    }

    @Test
    void revoked_bothCertificatesInStandardCrlsAndOcsp() throws Exception {
      Persona p = Personas.get(Personas.REVOKED);
      for (KeyType type : KeyType.values()) {
        X509Certificate c = type == KeyType.AUTHENTICATION ? p.authCertificate() : p.signCertificate().orElseThrow();
        assertThat(p.revocation(type)).hasValueSatisfying(r -> {
          assertThat(r.reason()).isEqualTo(CRLReason.KEY_COMPROMISE);
          assertThat(r.serial()).isEqualTo(c.getSerialNumber());
        });
        X509CRL crl = TestPki.get().crl(type, TestPki.REFERENCE_TIME);
        assertThat(crl.isRevoked(c)).isTrue();
        pkix(c, TestPki.get().root(type), TestPki.REFERENCE_TIME); // valid apart from revocation
      }
      assertThat(Personas.get(Personas.DEFAULT).revocation(KeyType.SIGNATURE)).isEmpty();
      assertThat(TestPki.get().crl(KeyType.SIGNATURE, TestPki.REFERENCE_TIME)
              .isRevoked(Personas.get(Personas.DEFAULT).signCertificate().orElseThrow()))
          .isFalse();
    }

    @Test
    void expired_certificatesExpiredAtReferenceTimeValidIn2020() throws Exception {
      Persona p = Personas.get(Personas.EXPIRED);
      assertThat(p.certificateExpiry()).isEqualTo(LocalDate.of(2024, 3, 10));
      assertThat(p.cardExpiry()).isEqualTo(LocalDate.of(2029, 3, 10));
      for (KeyType type : KeyType.values()) {
        X509Certificate c = type == KeyType.AUTHENTICATION ? p.authCertificate() : p.signCertificate().orElseThrow();
        assertThatThrownBy(() -> pkix(c, TestPki.get().root(type), TestPki.REFERENCE_TIME))
            .isInstanceOf(CertPathValidatorException.class)
            .hasRootCauseInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(() -> pkix(c, TestPki.get().root(type), Instant.now()))
            .isInstanceOf(CertPathValidatorException.class);
        pkix(c, TestPki.get().root(type), Instant.parse("2024-01-01T00:00:00Z"));
      }
    }

    @Test
    void smartphone_jpkiOnlyWithGpseToken() {
      Persona p = Personas.get(Personas.SMARTPHONE);
      assertThat(p.isSmartphone()).isTrue();
      assertThat(p.tokenType()).isEqualTo(TokenType.ANDROID_SMARTPHONE);
      assertThat(p.profile().applications()).containsExactly(Application.JPKI);
      assertThat(p.textAp()).isEmpty();
      assertThatThrownBy(p::pinB).isInstanceOf(IllegalStateException.class);
      assertThat(p.authPin()).isEqualTo("1234");
      assertThat(p.signPassword()).isEqualTo("ABC123");
      assertThat(p.authCertificate().getSerialNumber())
          .isNotEqualTo(Personas.get(Personas.DEFAULT).authCertificate().getSerialNumber());
      assertThat(nfkc(p.name())).isEqualTo("試験 花子");
    }

    @Test
    void tampered_defaultCardWithAlteredAddress() throws Exception {
      Persona t = Personas.get(Personas.TAMPERED);
      Persona d = Personas.get(Personas.DEFAULT);
      assertThat(t.authCertificate().getEncoded()).isEqualTo(d.authCertificate().getEncoded());
      byte[] onCard = t.profile().file(Application.TEXT, 2).orElseThrow();
      assertThat(new String(onCard, StandardCharsets.UTF_8)).contains(Personas.TAMPERED_ADDRESS);
      assertThat(new String(onCard, StandardCharsets.UTF_8)).doesNotContain(d.address());
    }

    @ParameterizedTest
    @MethodSource("dev.jpki.testkit.PersonasTest#names")
    void everyPersona_certificatesChainToTestRoots(String name) throws Exception {
      Persona p = Personas.get(name);
      Instant at = name.equals(Personas.EXPIRED) ? Instant.parse("2023-01-01T00:00:00Z") : TestPki.REFERENCE_TIME;
      pkix(p.authCertificate(), TestPki.get().authRoot(), at);
      if (p.signCertificate().isPresent()) {
        pkix(p.signCertificate().get(), TestPki.get().signRoot(), at);
      }
      assertThat(CardCodes.isValidMyNumber(p.myNumber())).isTrue();
      // The OCSP responder knows built-in serials without building personas: keep the table in sync.
      assertThat(TestPki.isBuiltInPersonaSerial(KeyType.AUTHENTICATION, p.authCertificate().getSerialNumber())).isTrue();
      p.signCertificate().ifPresent(c ->
          assertThat(TestPki.isBuiltInPersonaSerial(KeyType.SIGNATURE, c.getSerialNumber())).isTrue());
      assertThat(p.authCertificate().getPublicKey()).isEqualTo(p.authKeyPair().getPublic());
    }
  }

  @Nested
  class OnTheVirtualCard {
    private final Persona p = Personas.get(Personas.DEFAULT);

    @Test
    void jpki_certificatesTokenAndSigningFollowAccessRules() throws Exception {
      VirtualMyNumberCard card = p.newCard();
      selectAp(card, JPKI);
      byte[] token = readAll(card, 0x0006);
      assertThat(new String(token, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("JPKIAPICCTOKEN2");
      byte[] auth = readAll(card, 0x000A);
      assertThat(Arrays.copyOf(auth, p.authCertificate().getEncoded().length)).isEqualTo(p.authCertificate().getEncoded());
      assertThat(readSw(card, 0x0001)).isEqualTo(0x6982); // sign cert needs the password
      assertThat(verify(card, 0x001B, p.signPassword())).isEqualTo(0x9000);
      byte[] sign = readAll(card, 0x0001);
      byte[] signDer = p.signCertificate().orElseThrow().getEncoded();
      assertThat(Arrays.copyOf(sign, signDer.length)).isEqualTo(signDer);

      byte[] challenge = "login-challenge".getBytes(StandardCharsets.US_ASCII);
      assertThat(select(card, 0x0017)).isEqualTo(0x9000);
      String di = HEX.formatHex(digestInfo(challenge));
      assertThat(sw(card, "802A0080" + String.format("%02X", di.length() / 2) + di + "00")).isEqualTo(0x6982);
      assertThat(verify(card, 0x0018, p.authPin())).isEqualTo(0x9000);
      assertThat(select(card, 0x0017)).isEqualTo(0x9000);
      byte[] r = card.process(HEX.parseHex("802A0080" + String.format("%02X", di.length() / 2) + di + "00"));
      assertThat(r).hasSize(258);
      assertThat(verifies(p.authCertificate().getPublicKey(), challenge, Arrays.copyOf(r, 256))).isTrue();
    }

    @Test
    void text_pinAOpensMyNumberOnly_pinBOpens4InfoOnly_0012Blocked() {
      VirtualMyNumberCard card = p.newCard();
      selectAp(card, TEXT);
      assertThat(readSw(card, 0x0001)).isEqualTo(0x6982);
      assertThat(verify(card, 0x0014, p.pinA())).isEqualTo(0x9000);
      assertThat(readAll(card, 0x0001)).isEqualTo(p.textAp().orElseThrow().myNumberFile());
      assertThat(readSw(card, 0x0002)).isEqualTo(0x6982);
      assertThat(readAll(card, 0x0003)).isEqualTo(p.textAp().orElseThrow().integrityFile());
      selectAp(card, TEXT); // clears the security state
      assertThat(verify(card, 0x0015, p.pinB())).isEqualTo(0x9000);
      assertThat(readAll(card, 0x0002)).isEqualTo(p.textAp().orElseThrow().attributesFile());
      assertThat(readSw(card, 0x0001)).isEqualTo(0x6982);
      assertThat(select(card, 0x0012)).isEqualTo(0x9000);
      assertThat(sw(card, "00200080")).isEqualTo(0x63C0);
      assertThat(readAll(card, 0x0004)).isEqualTo(TestPki.get().textApCvc()); // free
    }

    @Test
    void visual_dobKeyOpensAgeRecord_cardKeySignsChallenge() throws Exception {
      VirtualMyNumberCard card = p.newCard();
      selectAp(card, VISUAL);
      assertThat(readSw(card, 0x0001)).isEqualTo(0x6982);
      assertThat(verify(card, 0x0011, p.dobKey())).isEqualTo(0x9000);
      assertThat(readAll(card, 0x0001)).isEqualTo(p.visualAp().orElseThrow().ageRecordFile());
      assertThat(readSw(card, 0x0002)).isEqualTo(0x6982);
      assertThat(verify(card, 0x0012, p.pinB())).isEqualTo(0x9000);
      assertThat(readAll(card, 0x0002)).isEqualTo(p.visualAp().orElseThrow().cardFaceFile());
      assertThat(readSw(card, 0x0005)).isEqualTo(0x6982); // EF 0005 needs 照合番号A
      byte[] challenge = "nonce-123".getBytes(StandardCharsets.US_ASCII);
      String di = HEX.formatHex(digestInfo(challenge));
      byte[] r = card.process(HEX.parseHex("802A0000" + String.format("%02X", di.length() / 2) + di + "00"));
      assertThat(r).hasSize(258);
      RSAPublicKey cardKey = (RSAPublicKey) p.visualCardKeyPair().orElseThrow().getPublic();
      assertThat(verifies(cardKey, challenge, Arrays.copyOf(r, 256))).isTrue();
    }

    @Test
    void common_recordAndMfDataObjects() {
      VirtualMyNumberCard card = p.newCard();
      assertThat(send(card, "00CA00F000")).isEqualTo(HEX.formatHex("13101".getBytes(StandardCharsets.US_ASCII)) + "9000");
      selectAp(card, "D3921000310001010100");
      assertThat(select(card, 0x0001)).isEqualTo(0x9000);
      String r = send(card, "00B2010400");
      assertThat(r).startsWith("011C").endsWith("9000");
      assertThat(new String(HEX.parseHex(r.substring(4, r.length() - 4)), StandardCharsets.US_ASCII))
          .isEqualTo(p.cardSerial() + "13101" + "20340515");
    }

    @Test
    void smartphone_authCertificateNeedsPin() {
      Persona s = Personas.get(Personas.SMARTPHONE);
      VirtualMyNumberCard card = s.newCard();
      assertThat(sw(card, "00A4040C0A" + TEXT)).isEqualTo(0x6A82);
      selectAp(card, JPKI);
      assertThat(readSw(card, 0x000A)).isEqualTo(0x6982);
      assertThat(verify(card, 0x0018, s.authPin())).isEqualTo(0x9000);
      assertThat(readSw(card, 0x000A)).isEqualTo(0x9000);
      assertThat(new String(readAll(card, 0x0006), 0, 15, StandardCharsets.US_ASCII)).isEqualTo("JPKIAPGPSETOKEN");
    }

    @Test
    void faceAuth_noAuthPinKeyRef_authKeyUnusable() throws Exception {
      Persona f = Personas.get(Personas.FACE_AUTH);
      VirtualMyNumberCard card = f.newCard();
      selectAp(card, JPKI);
      assertThat(select(card, 0x0018)).isEqualTo(0x6A82);
      assertThat(select(card, 0x0017)).isEqualTo(0x9000);
      String di = HEX.formatHex(digestInfo(new byte[] {1}));
      assertThat(sw(card, "802A0080" + String.format("%02X", di.length() / 2) + di + "00")).isEqualTo(0x6982);
      assertThat(readSw(card, 0x000A)).isEqualTo(0x9000);
      assertThat(select(card, 0x0001)).isEqualTo(0x6A82); // no signature certificate EF
    }

    @Test
    void minor_noSignatureCertificateEfNorPasswordKeyRef() {
      VirtualMyNumberCard card = Personas.get(Personas.MINOR).newCard();
      selectAp(card, JPKI);
      assertThat(select(card, 0x0001)).isEqualTo(0x6A82);
      assertThat(select(card, 0x001B)).isEqualTo(0x6A82);
      assertThat(readAll(card, 0x0008)).isEqualTo(new byte[] {0x00, (byte) 0x8F, 0x00});
    }

    @Test
    void profile_retryCountersPerSpec() {
      CardProfile prof = p.profile();
      VirtualMyNumberCard card = VirtualMyNumberCard.create(prof);
      assertThat(card.triesLeft(Application.JPKI, 0x0018)).hasValue(3);
      assertThat(card.triesLeft(Application.JPKI, 0x001B)).hasValue(5);
      assertThat(card.triesLeft(Application.TEXT, 0x0011)).hasValue(3);
      assertThat(card.triesLeft(Application.TEXT, 0x0012)).hasValue(0);
      assertThat(card.triesLeft(Application.TEXT, 0x0014)).hasValue(10);
      assertThat(card.triesLeft(Application.VISUAL, 0x0011)).hasValue(10);
      assertThat(card.triesLeft(Application.COMMON, 0x001C)).hasValue(3);
      assertThat(card.triesLeft(Application.JUKI, 0x001C)).hasValue(3);
      assertThat(prof.applications())
          .isEqualTo(EnumSet.of(Application.JPKI, Application.TEXT, Application.VISUAL, Application.COMMON,
              Application.JUKI));
      assertThat(p.profile()).isSameAs(prof);
    }
  }

  @Nested
  class Custom {
    private static final String VALID_NUMBER = "23456789012" + CardCodes.myNumberCheckDigit("23456789012");

    @Test
    void builder_normalisesNameAndAddressToCardForm() {
      Persona c =
          Persona.builder("moved")
              .name("試験 太郎")
              .address("大阪府大阪市北区中之島1-3-20")
              .birthDate(LocalDate.of(2000, 2, 29))
              .sex(Sex.MALE)
              .myNumber(VALID_NUMBER)
              .municipality("27127", "Osaka-fu", "Osaka-shi")
              .build();
      assertThat(c.name()).isEqualTo("試験\u3000太郎");
      assertThat(c.address()).isEqualTo("大阪府大阪市北区中之島１－３－２０");
      assertThat(c.certificateExpiry()).isEqualTo(LocalDate.of(2029, 2, 28));
      assertThat(c.signCertificate()).isPresent();
      assertThat(c.signCertificate().get().getSubjectX500Principal().getName()).contains("Osaka-shi");
      assertThat(c.profile().file(Application.VISUAL, 3).orElseThrow()).isNotEmpty();
    }

    @Test
    void builder_under15_noSignatureCertificate() {
      Persona c =
          Persona.builder("kid")
              .name("試験 小子")
              .address("東京都千代田区霞が関1-1-1")
              .birthDate(LocalDate.of(2012, 1, 1))
              .sex(Sex.FEMALE)
              .myNumber(VALID_NUMBER)
              .build();
      assertThat(c.signCertificate()).isEmpty();
      assertThat(c.profile().file(Application.JPKI, 1)).isEmpty();
    }

    @Test
    void builder_invalidInputs_specificErrorsWithoutValues() {
      Persona.Builder b = Persona.builder("bad");
      assertThatThrownBy(() -> b.myNumber("123456789012"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("myNumber")
          .hasMessageNotContaining("123456789012");
      assertThatThrownBy(() -> b.signPassword("abc123"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("signPassword")
          .hasMessageNotContaining("abc123");
      assertThatThrownBy(() -> b.authPin("12a4"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("12a4");
      assertThatThrownBy(() -> b.build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("name");
      assertThatThrownBy(() -> Persona.builder("Bad Id")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Redaction {
    @Test
    void toStrings_neverShowPersonalDataOrSecrets() {
      for (String name : Personas.names()) {
        Persona p = Personas.get(name);
        List<String> strings =
            List.of(
                p.toString(),
                p.holder().toString(),
                p.textAp().map(Object::toString).orElse(""),
                p.visualAp().map(Object::toString).orElse(""),
                p.jpkiAp().toString(),
                p.profile().toString(),
                new IssuedCertificate(p.authCertificate(), p.authKeyPair()).toString());
        for (String s : strings) {
          assertThat(s)
              .doesNotContain(p.myNumber())
              .doesNotContain(p.name())
              .doesNotContain(p.name().substring(0, 2))
              .doesNotContain(p.address())
              .doesNotContain(p.birthDate().toString())
              .doesNotContain("ABC123")
              .doesNotContain(p.isSmartphone() ? p.myNumber() : p.pinB());
        }
        assertThat(p.toString()).isEqualTo("Persona[" + name + "]");
      }
    }
  }

  @Test
  void export_writesRootsCrlsAndLeaves(@TempDir Path dir) throws Exception {
    Persona p = Personas.get(Personas.DEFAULT);
    List<Path> files = TestPki.get().export(dir, p, TestPki.REFERENCE_TIME);
    assertThat(files).extracting(f -> f.getFileName().toString())
        .containsExactly("sign-root.pem", "auth-root.pem", "sign.crl", "auth.crl", "auth.pem", "sign.pem");
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    X509Certificate signRoot;
    try (var in = Files.newInputStream(dir.resolve("sign-root.pem"))) {
      signRoot = (X509Certificate) cf.generateCertificate(in);
    }
    assertThat(signRoot).isEqualTo(TestPki.get().signRoot());
    X509CRL crl = (X509CRL) cf.generateCRL(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("auth.crl"))));
    crl.verify(TestPki.get().authRoot().getPublicKey());
    assertThat(Files.readAllBytes(dir.resolve("auth.crl"))[0]).isEqualTo((byte) 0x30); // DER, not PEM
    assertThat(Files.readString(dir.resolve("sign.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n");
    X509Certificate sign;
    try (var in = Files.newInputStream(dir.resolve("sign.pem"))) {
      sign = (X509Certificate) cf.generateCertificate(in);
    }
    assertThat(sign).isEqualTo(p.signCertificate().orElseThrow());

    Path minorDir = dir.resolve("minor");
    assertThat(TestPki.get().export(minorDir, Personas.get(Personas.MINOR)))
        .extracting(f -> f.getFileName().toString())
        .doesNotContain("sign.pem")
        .contains("auth.pem");
  }
}
