// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * Synthetic test data (no real personal data): certificates and keys generated with openssl for these
 * tests, and card files built to the layouts of docs/card-protocol.md §5-§8, like the default persona of
 * docs/cli.md.
 */
final class Fixtures {
  static final String AUTH_PIN = "1234";
  static final String SIGN_PASSWORD = "ABC123";
  static final String TEXT_PIN = "1234";
  static final String MY_NUMBER = "123456789018";
  static final String PIN_B = "02051520345678";
  static final String DOB_KEY = "020515";
  static final String COMMON_PIN = "1234";
  static final String NAME = "試験　花子";
  static final String ADDRESS = "東京都千代田区霞が関１－１－１";

  private Fixtures() {}

  static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] authCertDer() {
    return resource("auth.der");
  }

  static byte[] signCertDer() {
    return resource("sign.der");
  }

  static byte[] caCertDer() {
    return resource("ca.der");
  }

  static X509Certificate cert(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static PrivateKey key(String name) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(resource(name + "-key.p8")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- TLV encoding

  static byte[] tag(int tag) {
    if (tag > 0xFFFF) {
      return new byte[] {(byte) (tag >> 16), (byte) (tag >> 8), (byte) tag};
    }
    if (tag > 0xFF) {
      return new byte[] {(byte) (tag >> 8), (byte) tag};
    }
    return new byte[] {(byte) tag};
  }

  static byte[] length(int len) {
    if (len < 0x80) {
      return new byte[] {(byte) len};
    }
    if (len < 0x100) {
      return new byte[] {(byte) 0x81, (byte) len};
    }
    return new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  static byte[] tlv(int tag, byte[]... values) {
    byte[] v = concat(values);
    return concat(tag(tag), length(v.length), v);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] filler(byte[] file, int n) {
    byte[] out = Arrays.copyOf(file, file.length + n);
    Arrays.fill(out, file.length, out.length, (byte) 0xFF);
    return out;
  }

  /**
   * An {@code FF20} template whose first child is a {@code DF21} offset table pointing at the children
   * that follow (docs/card-protocol.md §6.3, §7.2).
   */
  static byte[] withOffsetTable(int[] tags, byte[][] values) {
    byte[][] kids = new byte[tags.length][];
    int kidsLen = 0;
    for (int i = 0; i < tags.length; i++) {
      kids[i] = tlv(tags[i], values[i]);
      kidsLen += kids[i].length;
    }
    int tableTlv = 3 + 2 * tags.length;
    int inner = tableTlv + kidsLen;
    int header = 2 + length(inner).length;
    byte[] table = new byte[2 * tags.length];
    int at = header + tableTlv;
    for (int i = 0; i < tags.length; i++) {
      table[2 * i] = (byte) (at >> 8);
      table[2 * i + 1] = (byte) at;
      at += kids[i].length;
    }
    return tlv(0xFF20, concat(tlv(0xDF21, table), concat(kids)));
  }

  static byte[] myNumberFile(String digits) {
    return filler(tlv(0xFF10, ascii(digits)), 2); // 17 bytes, docs/card-protocol.md §6.2
  }

  static byte[] basicInfoTlv(String name, String address, String dob, String sex) {
    return withOffsetTable(new int[] {0xDF22, 0xDF23, 0xDF24, 0xDF25},
        new byte[][] {utf8(name), utf8(address), ascii(dob), ascii(sex)});
  }

  static byte[] cardKeyTlvValue(PrivateKey key) {
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) key;
    return concat(tlv(0x90, unsigned(k.getPublicExponent().toByteArray())),
        tlv(0x91, unsigned(k.getModulus().toByteArray())));
  }

  static byte[] unsigned(byte[] b) {
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  static final byte[] PHOTO = concat(new byte[] {0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20}, new byte[700]);
  static final byte[] NAME_PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, new byte[120]);
  static final byte[] ADDRESS_PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, new byte[200]);
  static final byte[] CODE_PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, new byte[40]);
  static final byte[] ISSUER_SIGNATURE = filledWith(256, 0x5A);

  static byte[] filledWith(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  static byte[] cardFaceTlv(PrivateKey cardKey) {
    return withOffsetTable(
        new int[] {0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A},
        new byte[][] {ascii("19900515"), ascii("2"), cardKeyTlvValue(cardKey), NAME_PNG, ADDRESS_PNG, PHOTO,
            ISSUER_SIGNATURE, ascii("20340515"), CODE_PNG});
  }

  static byte[] ageRecordTlv(PrivateKey cardKey) {
    return tlv(0xFF10, tlv(0xDF11, ascii("19900515")), tlv(0xDF12, cardKeyTlvValue(cardKey)),
        tlv(0xDF13, ISSUER_SIGNATURE));
  }

  static byte[] commonRecord() {
    return tlv(0x01, ascii("123456789012345" + "13101" + "20340515"));
  }

  static byte[] tokenInfo(String label) {
    byte[] out = new byte[160];
    Arrays.fill(out, 0, 32, (byte) ' ');
    byte[] l = ascii(label);
    System.arraycopy(l, 0, out, 0, l.length);
    return out;
  }

  static final byte[] CVC = tlv(0x7F21, tlv(0x5F4E, filledWith(297, 0x11)), tlv(0x5F37, filledWith(256, 0x22)));
  static final byte[] INTEGRITY = tlv(0xFF30, tlv(0xDF31, filledWith(32, 1)), tlv(0xDF32, filledWith(32, 2)),
      tlv(0xDF33, filledWith(256, 3)));

  /** A card like the default persona: every application, every credential, both certificates. */
  static FakeCard defaultCard() {
    PrivateKey cardKey = key("card");
    return new FakeCard()
        // JPKI AP (docs/card-protocol.md §5.1)
        .file(Application.JPKI, 0x0006, tokenInfo("JPKIAPICCTOKEN2"))
        .file(Application.JPKI, 0x000A, filler(authCertDer(), 64))
        .file(Application.JPKI, 0x000B, filler(caCertDer(), 16))
        .file(Application.JPKI, 0x0001, filler(signCertDer(), 64), 0x001B)
        .file(Application.JPKI, 0x0002, caCertDer())
        .key(Application.JPKI, 0x0018, AUTH_PIN, 3)
        .key(Application.JPKI, 0x001B, SIGN_PASSWORD, 5)
        .signingKey(Application.JPKI, 0x0017, key("auth"), 0x0018)
        .signingKey(Application.JPKI, 0x001A, key("sign"), 0x001B)
        // text AP (docs/card-protocol.md §6.1)
        .file(Application.TEXT, 0x0001, myNumberFile(MY_NUMBER), 0x0011, 0x0014)
        .file(Application.TEXT, 0x0002, filler(basicInfoTlv(NAME, ADDRESS, "19900515", "2"), 30), 0x0011, 0x0015)
        .file(Application.TEXT, 0x0003, INTEGRITY, 0x0011, 0x0014, 0x0015)
        .file(Application.TEXT, 0x0004, CVC)
        .key(Application.TEXT, 0x0011, TEXT_PIN, 3)
        .key(Application.TEXT, 0x0014, MY_NUMBER, 10)
        .key(Application.TEXT, 0x0015, PIN_B, 10)
        .cardKey(Application.TEXT, cardKey)
        // visual AP (docs/card-protocol.md §7.1)
        .file(Application.VISUAL, 0x0001, ageRecordTlv(cardKey), 0x0011)
        .file(Application.VISUAL, 0x0002, filler(cardFaceTlv(cardKey), 100), 0x0012, 0x0013)
        .file(Application.VISUAL, 0x0004, CVC)
        .key(Application.VISUAL, 0x0011, DOB_KEY, 10)
        .key(Application.VISUAL, 0x0012, PIN_B, 10)
        .key(Application.VISUAL, 0x0013, MY_NUMBER, 10)
        .cardKey(Application.VISUAL, cardKey)
        // common and juki AP (docs/card-protocol.md §8)
        .record(Application.COMMON, 0x0001, commonRecord())
        .key(Application.COMMON, 0x001C, COMMON_PIN, 3)
        .key(Application.JUKI, 0x001C, COMMON_PIN, 3);
  }

  /** An Android smartphone token: JPKI AP only, the auth certificate behind the auth PIN (docs/card-protocol.md §5.2). */
  static FakeCard smartphone() {
    return new FakeCard()
        .file(Application.JPKI, 0x0006, tokenInfo("JPKIAPGPSETOKEN"))
        .file(Application.JPKI, 0x000A, authCertDer(), 0x0018)
        .file(Application.JPKI, 0x000B, caCertDer())
        .file(Application.JPKI, 0x0001, signCertDer(), 0x001B)
        .key(Application.JPKI, 0x0018, AUTH_PIN, 3)
        .key(Application.JPKI, 0x001B, SIGN_PASSWORD, 5)
        .signingKey(Application.JPKI, 0x0017, key("auth"), 0x0018)
        .signingKey(Application.JPKI, 0x001A, key("sign"), 0x001B);
  }

  static char[] chars(String s) {
    return s.toCharArray();
  }
}
