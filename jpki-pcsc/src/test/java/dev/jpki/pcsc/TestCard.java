// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import dev.jpki.testkit.card.Access;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.CardProfile;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.HexFormat;
import java.util.Random;

/**
 * A small JPKI-AP-only virtual card for raw-APDU flows (docs/card-protocol.md §5), plus the APDUs those flows send.
 * Keys are generated once per JVM.
 */
final class TestCard {
  static final String AUTH_PIN = "1234";
  static final String SIGN_PASSWORD = "ABC123";
  static final KeyPair AUTH_KEY = generate();
  /** EF 000A: 1200 bytes starting with its own DER header 30 82 04 AC (docs/card-protocol.md §3.3). */
  static final byte[] AUTH_CERT = derLike(1200, 1);

  private static final HexFormat HEX = HexFormat.of();

  private TestCard() {}

  /** EF 0002 of this test card: 9000 bytes, more than javax.smartcardio can return in one response. */
  static final byte[] BIG_EF = derLike(9000, 3);

  static VirtualMyNumberCard newCard() {
    return VirtualMyNumberCard.create(profile());
  }

  /**
   * A card that keeps verified PINs across a re-SELECT of the JPKI AP, so only a card reset (power
   * cycle) clears them: lets a test tell "reset on close" from "state cleared by SELECT".
   */
  static VirtualMyNumberCard newCardKeepingSecurityOnSelect() {
    return VirtualMyNumberCard.builder(profile()).clearSecurityOnDfSelect(false).build();
  }

  static CardProfile profile() {
    return CardProfile.builder()
        .file(Application.JPKI, 0x000A, AUTH_CERT, Access.always())
        .file(Application.JPKI, 0x0001, derLike(900, 2), Access.anyOf(0x001B))
        .file(Application.JPKI, 0x0002, BIG_EF, Access.always())
        .signingKey(Application.JPKI, 0x0017, (RSAPrivateKey) AUTH_KEY.getPrivate(), Access.anyOf(0x0018))
        .credential(Application.JPKI, 0x0018, AUTH_PIN.getBytes(StandardCharsets.US_ASCII), CardProfile.PIN_MAX_TRIES)
        .credential(Application.JPKI, 0x001B, SIGN_PASSWORD.getBytes(StandardCharsets.US_ASCII), CardProfile.SIGN_PASSWORD_MAX_TRIES)
        .build();
  }

  // docs/card-protocol.md §5.2, §5.3 raw APDUs
  static final byte[] SELECT_JPKI = hex("00A4040C0AD392F000260100000001");
  static final byte[] SELECT_AUTH_CERT = hex("00A4020C02000A");
  static final byte[] SELECT_BIG_EF = hex("00A4020C020002");
  static final byte[] SELECT_AUTH_PIN = hex("00A4020C020018");
  static final byte[] SELECT_AUTH_KEY = hex("00A4020C020017");
  static final byte[] VERIFY_AUTH_PIN = hex("002000800431323334");

  static byte[] readBinary(int offset, int le) {
    return new byte[] {0x00, (byte) 0xB0, (byte) (offset >> 8), (byte) offset, (byte) le};
  }

  static byte[] readBinaryExtended(int offset) {
    return new byte[] {0x00, (byte) 0xB0, (byte) (offset >> 8), (byte) offset, 0x00, 0x00, 0x00};
  }

  /** COMPUTE DIGITAL SIGNATURE over SHA-256(message) as a DigestInfo (docs/card-protocol.md §5.3), Le=00. */
  static byte[] sign(byte[] message) throws Exception {
    byte[] prefix = hex("3031300D060960864801650304020105000420");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
    byte[] apdu = new byte[5 + prefix.length + digest.length + 1];
    apdu[0] = (byte) 0x80;
    apdu[1] = 0x2A;
    apdu[2] = 0x00;
    apdu[3] = (byte) 0x80;
    apdu[4] = (byte) (prefix.length + digest.length);
    System.arraycopy(prefix, 0, apdu, 5, prefix.length);
    System.arraycopy(digest, 0, apdu, 5 + prefix.length, digest.length);
    return apdu;
  }

  static boolean isSign(byte[] apdu) {
    return apdu.length > 4 && apdu[0] == (byte) 0x80 && apdu[1] == 0x2A;
  }

  static boolean verifies(byte[] message, byte[] signature) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(AUTH_KEY.getPublic());
    s.update(message);
    return s.verify(signature);
  }

  static int sw(byte[] response) {
    return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
  }

  static byte[] data(byte[] response) {
    return java.util.Arrays.copyOf(response, response.length - 2);
  }

  static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  private static byte[] derLike(int total, long seed) {
    byte[] b = new byte[total];
    new Random(seed).nextBytes(b);
    int len = total - 4;
    b[0] = 0x30;
    b[1] = (byte) 0x82;
    b[2] = (byte) (len >> 8);
    b[3] = (byte) len;
    return b;
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
