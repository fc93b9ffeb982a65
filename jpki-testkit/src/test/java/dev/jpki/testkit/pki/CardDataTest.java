// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.Sex;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Byte-exact layout of every card file (docs/card-protocol.md §5-§8), checked with an independent TLV walker. */
class CardDataTest {
  private static final TestPki PKI = TestPki.get();
  private static final Persona DEFAULT = Personas.get(Personas.DEFAULT);

  static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  static boolean verifySha256(PublicKey key, byte[] data, byte[] sig) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(key);
    s.update(data);
    return s.verify(sig);
  }

  /** Encodes 90 03 01 00 01 91 82 01 00 <modulus> independently. */
  static byte[] cardKey(RSAPublicKey k) {
    byte[] mod = k.getModulus().toByteArray();
    if (mod.length == 257) {
      mod = Arrays.copyOfRange(mod, 1, 257);
    }
    byte[] out = new byte[265];
    System.arraycopy(Ber.hex("90 03 01 00 01 91 82 01 00"), 0, out, 0, 9);
    System.arraycopy(mod, 0, out, 9, 256);
    return out;
  }

  static void assertPng1Bit(byte[] png, int width, int height) throws Exception {
    assertThat(Arrays.copyOf(png, 8)).isEqualTo(Ber.hex("89 50 4E 47 0D 0A 1A 0A"));
    // IHDR: width, height, bit depth 1, colour type 0 (greyscale)
    assertThat(new String(png, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
    assertThat(new BigInteger(1, Arrays.copyOfRange(png, 16, 20)).intValue()).isEqualTo(width);
    assertThat(new BigInteger(1, Arrays.copyOfRange(png, 20, 24)).intValue()).isEqualTo(height);
    assertThat(png[24]).isEqualTo((byte) 1);
    assertThat(png[25]).isEqualTo((byte) 0);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(img).isNotNull();
    assertThat(img.getWidth()).isEqualTo(width);
    assertThat(img.getHeight()).isEqualTo(height);
    assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_BYTE_BINARY);
    boolean anyBlack = false;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        anyBlack |= (img.getRGB(x, y) & 0xFFFFFF) == 0;
      }
    }
    assertThat(anyBlack).as("image has ink").isTrue();
  }

  @Nested
  class TextAp {
    private final TextApData text = DEFAULT.textAp().orElseThrow();

    @Test
    void myNumberFile_17BytesWithFiller() {
      assertThat(text.myNumberFile())
          .isEqualTo(Ber.hex("FF 10 0C 31 32 33 34 35 36 37 38 39 30 31 38 FF FF"));
    }

    @Test
    void attributesFile_layoutOffsetsAndFiller() {
      byte[] f = text.attributesFile();
      Ber.Obj outer = Ber.parse(f);
      assertThat(outer.tag()).isEqualTo(0xFF20);
      assertThat(Arrays.copyOf(f, 3)).isEqualTo(Ber.hex("FF 20 5C")); // short form, like FF 20 65 (docs/card-protocol.md §6.3)
      List<Ber.Obj> kids = outer.children();
      assertThat(kids).extracting(Ber.Obj::tag).containsExactly(0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25);
      byte[] table = kids.get(0).value();
      assertThat(table).hasSize(8);
      for (int i = 0; i < 4; i++) {
        int off = ((table[2 * i] & 0xFF) << 8) | (table[2 * i + 1] & 0xFF);
        assertThat(off).as("offset %d", i).isEqualTo(kids.get(i + 1).start());
      }
      assertThat(kids.get(1).start()).isEqualTo(0x0E); // as on the test card (docs/card-protocol.md §6.3)
      assertThat(new String(kids.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("試験\u3000花子");
      assertThat(new String(kids.get(2).value(), StandardCharsets.UTF_8)).isEqualTo("東京都千代田区霞が関１－１－１");
      assertThat(new String(kids.get(3).value(), StandardCharsets.US_ASCII)).isEqualTo("19900515");
      assertThat(kids.get(4).value()).containsExactly('2');
      assertThat(f).hasSize(256);
      for (int i = outer.end(); i < f.length; i++) {
        assertThat(f[i]).isEqualTo((byte) 0xFF);
      }
    }

    @Test
    void integrityFile_digestsAndSignatureVerify() throws Exception {
      byte[] f = text.integrityFile();
      assertThat(f).hasSize(336);
      assertThat(Arrays.copyOf(f, 5)).isEqualTo(Ber.hex("FF 30 82 01 4B"));
      Ber.Obj outer = Ber.parse(f);
      Ber.Obj df31 = outer.child(0xDF31);
      Ber.Obj df32 = outer.child(0xDF32);
      Ber.Obj df33 = outer.child(0xDF33);
      assertThat(df31.value()).isEqualTo(sha256(text.myNumberFile()));
      byte[] attrs = text.attributesFile();
      Ber.Obj ff20 = Ber.parse(attrs);
      int df22Start = ff20.children().get(1).start();
      assertThat(df32.value()).isEqualTo(sha256(Arrays.copyOfRange(attrs, df22Start, ff20.end())));
      assertThat(Arrays.copyOfRange(f, df33.start(), df33.valueStart())).isEqualTo(Ber.hex("DF 33 82 01 00"));
      byte[] signed = Arrays.copyOfRange(f, df31.start(), df32.end());
      assertThat(signed).hasSize(70);
      assertThat(verifySha256(PKI.textApIssuerPublicKey(), signed, df33.value())).isTrue();
    }

    @Test
    void certificateFile_cvcCertifiesIssuerKeyUnderCa6000033() throws Exception {
      byte[] f = text.certificateFile();
      assertThat(f).hasSize(568);
      assertThat(Arrays.copyOf(f, 10)).isEqualTo(Ber.hex("7F 21 82 02 33 5F 4E 82 01 29"));
      byte[] body = Ber.parse(f).child(0x5F4E).value();
      assertThat(Arrays.copyOf(body, 16))
          .isEqualTo(Ber.hex("36 30 30 30 30 33 33 08 05 30 30 31 00 00 00 00"));
      assertThat(new String(body, 16, 7, StandardCharsets.US_ASCII)).isEqualTo("1310131");
      assertThat(Arrays.copyOfRange(body, 32, 297)).isEqualTo(cardKey(PKI.textApIssuerPublicKey()));
      assertThat(verifySha256(PKI.textApCvcCaPublicKey(), body, Ber.parse(f).child(0x5F37).value())).isTrue();
    }

    @Test
    void basicInfoFile_layout() {
      byte[] f = text.basicInfoFile();
      assertThat(f).hasSize(164);
      assertThat(Arrays.copyOf(f, 5)).isEqualTo(Ber.hex("FF 40 82 00 9F"));
      Ber.Obj outer = Ber.parse(f);
      assertThat(outer.child(0xDF41).value()).isEqualTo(Ber.hex("01 03 0E 01"));
      assertThat(outer.child(0xDF42).value()).hasSize(16);
      Ber.Obj df43 = outer.child(0xDF43);
      assertThat(Arrays.copyOfRange(f, df43.start(), df43.valueStart())).isEqualTo(Ber.hex("DF 43 82 00 80"));
      byte[] v = df43.value();
      for (int i = 0; i < 128; i++) {
        if (i < 32) {
          assertThat(v[i]).isNotEqualTo((byte) 0xFF);
        } else {
          assertThat(v[i]).isEqualTo((byte) 0xFF);
        }
      }
    }

    @Test
    void signedPublicKeyFile_cardKeySignedByIssuer() throws Exception {
      byte[] f = text.signedPublicKeyFile();
      assertThat(f).hasSize(536);
      assertThat(Arrays.copyOf(f, 5)).isEqualTo(Ber.hex("FF 50 82 02 13"));
      Ber.Obj outer = Ber.parse(f);
      Ber.Obj df51 = outer.child(0xDF51);
      RSAPublicKey cardKey = (RSAPublicKey) DEFAULT.textCardKeyPair().orElseThrow().getPublic();
      assertThat(df51.value()).isEqualTo(cardKey(cardKey));
      assertThat(verifySha256(PKI.textApIssuerPublicKey(), df51.raw(), outer.child(0xDF52).value())).isTrue();
    }

    @Test
    void tampered_addressChangedAfterSigning_digestMismatch() throws Exception {
      TextApData t = Personas.get(Personas.TAMPERED).textAp().orElseThrow();
      byte[] attrs = t.attributesFile();
      Ber.Obj ff20 = Ber.parse(attrs);
      assertThat(new String(ff20.child(0xDF23).value(), StandardCharsets.UTF_8)).isEqualTo(Personas.TAMPERED_ADDRESS);
      byte[] df32 = Ber.parse(t.integrityFile()).child(0xDF32).value();
      int df22Start = ff20.children().get(1).start();
      assertThat(sha256(Arrays.copyOfRange(attrs, df22Start, ff20.end()))).isNotEqualTo(df32);
      // The integrity record itself is the genuine one, so its signature still verifies.
      assertThat(t.integrityFile()).isEqualTo(text.integrityFile());
      // The offset table is consistent with the altered content (only the digest betrays it).
      byte[] table = ff20.child(0xDF21).value();
      assertThat(((table[2] & 0xFF) << 8) | (table[3] & 0xFF)).isEqualTo(ff20.child(0xDF23).start());
    }

    @Test
    void builder_missingField_clearError() {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextApData.builder(PKI).name("x").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("myNumber");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextApData.builder(PKI).myNumber("123456789012"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("123456789012");
    }
  }

  @Nested
  class VisualAp {
    private final VisualApData visual = DEFAULT.visualAp().orElseThrow();
    private final RSAPublicKey cardKey = (RSAPublicKey) DEFAULT.visualCardKeyPair().orElseThrow().getPublic();

    @Test
    void ageRecord_547BytesSignedOverDf11Df12() throws Exception {
      byte[] f = visual.ageRecordFile();
      assertThat(f).hasSize(547);
      assertThat(Arrays.copyOf(f, 5)).isEqualTo(Ber.hex("FF 10 82 02 1E"));
      Ber.Obj outer = Ber.parse(f);
      assertThat(outer.children()).extracting(Ber.Obj::tag).containsExactly(0xDF11, 0xDF12, 0xDF13);
      assertThat(new String(outer.child(0xDF11).value(), StandardCharsets.US_ASCII)).isEqualTo("19900515");
      assertThat(outer.child(0xDF12).value()).isEqualTo(cardKey(cardKey));
      byte[] signed = Arrays.copyOfRange(f, outer.child(0xDF11).start(), outer.child(0xDF12).end());
      assertThat(verifySha256(PKI.visualApIssuerPublicKey(), signed, outer.child(0xDF13).value())).isTrue();
    }

    @Test
    void cardFace_layoutOffsetsImagesAndGroupedSignature() throws Exception {
      byte[] f = visual.cardFaceFile();
      Ber.Obj outer = Ber.parse(f);
      assertThat(outer.tag()).isEqualTo(0xFF20);
      assertThat(f[2]).isEqualTo((byte) 0x82); // FF 20 82 HH LL (docs/card-protocol.md §7.2)
      List<Ber.Obj> kids = outer.children();
      assertThat(kids).extracting(Ber.Obj::tag)
          .containsExactly(0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A);
      byte[] table = kids.get(0).value();
      assertThat(table).hasSize(18);
      for (int i = 0; i < 9; i++) {
        assertThat(((table[2 * i] & 0xFF) << 8) | (table[2 * i + 1] & 0xFF)).isEqualTo(kids.get(i + 1).start());
      }
      assertThat(new String(kids.get(1).value(), StandardCharsets.US_ASCII)).isEqualTo("19900515");
      assertThat(kids.get(2).value()).containsExactly('2');
      assertThat(Arrays.copyOfRange(f, kids.get(3).start(), kids.get(3).valueStart())).isEqualTo(Ber.hex("DF 24 82 01 09"));
      assertThat(kids.get(3).value()).isEqualTo(cardKey(cardKey));
      assertPng1Bit(kids.get(4).value(), 5 * 12, 12); // 試験　花子
      assertPng1Bit(kids.get(5).value(), 10 * 12 + 3 * 6 + 2 * 12, 12); // 10 kanji/kana, 3 digits, 2 hyphens
      byte[] photo = kids.get(6).value();
      assertThat(Arrays.copyOf(photo, 12)).isEqualTo(Ber.hex("00 00 00 0C 6A 50 20 20 0D 0A 87 0A"));
      assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("FAKE");
      assertThat(new String(kids.get(8).value(), StandardCharsets.US_ASCII)).isEqualTo("20340515");
      assertPng1Bit(kids.get(9).value(), 24, 12); // security code 5678

      // docs/card-protocol.md §7.3: DigestInfo(SHA-256, OCTET STRING 0x60 of H(G1) || H(G2) || H(G3)), PKCS#1 v1.5.
      byte[] g1 = sha256(kids.get(1).raw(), kids.get(2).raw(), kids.get(3).raw());
      byte[] g2 = sha256(kids.get(4).raw(), kids.get(5).raw());
      byte[] g3 = sha256(kids.get(6).raw());
      byte[] digestInfo = new byte[19 + 96];
      System.arraycopy(Ber.hex("30 71 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 60"), 0, digestInfo, 0, 19);
      System.arraycopy(g1, 0, digestInfo, 19, 32);
      System.arraycopy(g2, 0, digestInfo, 51, 32);
      System.arraycopy(g3, 0, digestInfo, 83, 32);
      Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
      rsa.init(Cipher.DECRYPT_MODE, PKI.visualApIssuerPublicKey());
      byte[] em = rsa.doFinal(kids.get(7).value());
      // EM = 00 01 FF..FF 00 || DigestInfo
      assertThat(em[0]).isEqualTo((byte) 0x00);
      assertThat(em[1]).isEqualTo((byte) 0x01);
      assertThat(em[256 - digestInfo.length - 1]).isEqualTo((byte) 0x00);
      for (int i = 2; i < 256 - digestInfo.length - 1; i++) {
        assertThat(em[i]).isEqualTo((byte) 0xFF);
      }
      assertThat(Arrays.copyOfRange(em, 256 - digestInfo.length, 256)).isEqualTo(digestInfo);
      assertThat(f.length % 256).isZero();
    }

    @Test
    void basicInfo_layoutAndMunicipality() {
      byte[] f = visual.basicInfoFile();
      assertThat(Arrays.copyOf(f, 5)).isEqualTo(Ber.hex("FF 30 82 01 3B"));
      Ber.Obj outer = Ber.parse(f);
      assertThat(outer.children()).extracting(Ber.Obj::tag).containsExactly(0xDF31, 0xDF32, 0xDF33, 0xDF34, 0xDF35);
      assertThat(outer.child(0xDF31).value()).isEqualTo(Ber.hex("06 03 0E 01"));
      assertThat(new String(outer.child(0xDF34).value(), StandardCharsets.US_ASCII)).isEqualTo("13101");
      assertThat(outer.child(0xDF35).value()).hasSize(16 + 256);
    }

    @Test
    void certificateFile_cvcUnderCa6000023() throws Exception {
      byte[] f = visual.certificateFile();
      byte[] body = Ber.parse(f).child(0x5F4E).value();
      assertThat(new String(body, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("6000023");
      assertThat(Arrays.copyOfRange(body, 32, 297)).isEqualTo(cardKey(PKI.visualApIssuerPublicKey()));
      assertThat(verifySha256(PKI.visualApCvcCaPublicKey(), body, Ber.parse(f).child(0x5F37).value())).isTrue();
    }

    @Test
    void myNumberImage_72x12SignedOverDf41Df42() throws Exception {
      byte[] f = visual.myNumberImageFile();
      Ber.Obj outer = Ber.parse(f);
      assertThat(outer.tag()).isEqualTo(0xFF40);
      assertPng1Bit(outer.child(0xDF41).value(), 72, 12);
      assertThat(outer.child(0xDF42).value()).isEqualTo(cardKey(cardKey));
      byte[] signed = Arrays.copyOfRange(f, outer.child(0xDF41).start(), outer.child(0xDF42).end());
      assertThat(verifySha256(PKI.visualApIssuerPublicKey(), signed, outer.child(0xDF43).value())).isTrue();
    }
  }

  @Nested
  class JpkiAp {
    @Test
    void tokenInfo_160BytesCardLabelAndFields() {
      byte[] f = DEFAULT.jpkiAp().tokenInfoFile();
      assertThat(f).hasSize(160);
      assertThat(new String(f, 0, 32, StandardCharsets.US_ASCII)).isEqualTo("JPKIAPICCTOKEN2                 ");
      assertThat(Arrays.copyOfRange(f, 96, 100)).isEqualTo(Ber.hex("00 00 04 0D"));
      assertThat(Arrays.copyOfRange(f, 116, 124)).isEqualTo(Ber.hex("00 00 00 10 00 00 00 06"));
      assertThat(Arrays.copyOfRange(f, 124, 140)).containsOnly((byte) 0xFF);
      assertThat(new String(f, 140, 4, StandardCharsets.US_ASCII)).isEqualTo("0301");
    }

    @Test
    void tokenInfo_smartphoneLabel() {
      byte[] f = Personas.get(Personas.SMARTPHONE).jpkiAp().tokenInfoFile();
      assertThat(new String(f, 0, 32, StandardCharsets.US_ASCII)).isEqualTo("JPKIAPGPSETOKEN                 ");
    }

    @Test
    void availability_signCertPresentOrNot() {
      assertThat(DEFAULT.jpkiAp().availabilityFile()).isEqualTo(Ber.hex("8F 8F 00"));
      assertThat(Personas.get(Personas.MINOR).jpkiAp().availabilityFile()).isEqualTo(Ber.hex("00 8F 00"));
      assertThat(Personas.get(Personas.MINOR).jpkiAp().signCertificateFile()).isEmpty();
    }

    @Test
    void certificateFiles_derThenFfFiller() throws Exception {
      byte[] der = DEFAULT.authCertificate().getEncoded();
      byte[] f = DEFAULT.jpkiAp().authCertificateFile();
      assertThat(f).hasSize(JpkiApData.CERTIFICATE_EF_SIZE);
      assertThat(f[0]).isEqualTo((byte) 0x30);
      assertThat(f[1]).isEqualTo((byte) 0x82);
      assertThat(((f[2] & 0xFF) << 8 | (f[3] & 0xFF)) + 4).isEqualTo(der.length); // docs/card-protocol.md §3.3 strategy 1
      assertThat(Arrays.copyOf(f, der.length)).isEqualTo(der);
      assertThat(Arrays.copyOfRange(f, der.length, f.length)).containsOnly((byte) 0xFF);
      assertThat(Arrays.copyOf(DEFAULT.jpkiAp().signCaFile(), PKI.signRoot().getEncoded().length))
          .isEqualTo(PKI.signRoot().getEncoded());
      assertThat(Arrays.copyOf(DEFAULT.jpkiAp().authCaFile(), PKI.authRoot().getEncoded().length))
          .isEqualTo(PKI.authRoot().getEncoded());
      byte[] sign = DEFAULT.jpkiAp().signCertificateFile().orElseThrow();
      byte[] signDer = DEFAULT.signCertificate().orElseThrow().getEncoded();
      assertThat(Arrays.copyOf(sign, signDer.length)).isEqualTo(signDer);
    }
  }

  @Test
  void commonRecord_serialMunicipalityExpiry() {
    byte[] r = CommonApData.record("123456789012345", "13101", java.time.LocalDate.of(2034, 5, 15));
    assertThat(r).hasSize(30);
    assertThat(Arrays.copyOf(r, 2)).isEqualTo(Ber.hex("01 1C"));
    assertThat(new String(r, 2, 28, StandardCharsets.US_ASCII)).isEqualTo("1234567890123451310120340515");
  }

  @Test
  void mfDataObjects_atrMunicipalityExpiry() {
    var m = CommonApData.mfDataObjects("123456789012345", "13101", java.time.LocalDate.of(2034, 5, 15));
    assertThat(m.get(0x5F51)).isEqualTo(Ber.hex("E0 00 FF 81 31 FE 45 14"));
    assertThat(new String(m.get(0x00F0), StandardCharsets.US_ASCII)).isEqualTo("13101");
    assertThat(new String(m.get(0x00F2), StandardCharsets.US_ASCII)).isEqualTo("20340515");
  }

  @Test
  void cvcKeyId_formatAndPrinting() {
    CvcKeyId id = CvcKeyId.of("6000033", "001");
    assertThat(id.bytes()).isEqualTo(Ber.hex("36 30 30 30 30 33 33 08 05 30 30 31 00 00 00 00"));
    assertThat(id).hasToString("6000033/001");
    assertThat(id).isEqualTo(CvcKeyId.of("6000033", "001"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CvcKeyId.of("600003", "001"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cardData_buildTwice_byteIdentical() {
    Persona again =
        Persona.builder("twin")
            .name("試験 花子")
            .address("東京都千代田区霞が関1-1-1")
            .birthDate(java.time.LocalDate.of(1990, 5, 15))
            .sex(Sex.FEMALE)
            .myNumber("123456789018")
            .securityCode("5678")
            .build();
    Persona twin2 =
        Persona.builder("twin")
            .name("試験 花子")
            .address("東京都千代田区霞が関1-1-1")
            .birthDate(java.time.LocalDate.of(1990, 5, 15))
            .sex(Sex.FEMALE)
            .myNumber("123456789018")
            .securityCode("5678")
            .build();
    assertThat(again.visualAp().orElseThrow().cardFaceFile()).isEqualTo(twin2.visualAp().orElseThrow().cardFaceFile());
    assertThat(again.textAp().orElseThrow().integrityFile()).isEqualTo(twin2.textAp().orElseThrow().integrityFile());
    // Same holder data and issuer key: the text AP integrity record matches the default persona's.
    assertThat(again.textAp().orElseThrow().integrityFile()).isEqualTo(DEFAULT.textAp().orElseThrow().integrityFile());
  }
}
