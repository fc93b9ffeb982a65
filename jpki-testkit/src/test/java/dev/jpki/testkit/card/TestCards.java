// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A synthetic card profile for the engine's tests (the real test PKI comes from the testkit-pki
 * branch). Keys are fresh RSA-2048 key pairs, generated once per JVM.
 */
public final class TestCards {
  public static final String AUTH_PIN = "1234";
  public static final String SIGN_PASSWORD = "ABC123";
  public static final String TEXT_PIN = "5678";
  public static final String NUMBER_A = "123456789012";
  public static final String NUMBER_B = "55021720352285";
  public static final String DOB_KEY = "550217";
  public static final String JUKI_PIN = "4321";

  public static final KeyPair AUTH_KEY = generate();
  public static final KeyPair SIGN_KEY = generate();
  public static final KeyPair CARD_KEY = generate();

  /** JPKI EF 000A: 1200 bytes starting with its DER header 30 82 04 AC, then 16 bytes filler. */
  public static final byte[] AUTH_CERT = derLike(0x04AC, 16, (byte) 0x11);
  /** JPKI EF 0001 (needs the signature password). */
  public static final byte[] SIGN_CERT = derLike(0x0500, 0, (byte) 0x22);
  /** Text AP EF 0001: FF 10 0C + 12 digits + FF FF (docs/card-protocol.md §6.2), 17 bytes. */
  public static final byte[] MY_NUMBER_EF = myNumberEf();
  /** Visual AP EF 0002: larger than javax.smartcardio's 8192-byte response cap. */
  public static final byte[] CARD_FACE = derLike(9000 - 4, 0, (byte) 0x33);
  /** Common AP EF 0001 record 1: 01 1C + 28 ASCII digits (docs/card-protocol.md §8). */
  public static final byte[] COMMON_RECORD = commonRecord();
  /** A 300-byte MF data object (tag 00F8), too large for a short Le. */
  public static final byte[] LARGE_DO = filled(300, (byte) 0x44);

  private TestCards() {}

  public static CardProfile profile() {
    byte[] tokenInfo = filled(160, (byte) 0x20);
    System.arraycopy(ascii("JPKIAPICCTOKEN2"), 0, tokenInfo, 0, 15);
    return CardProfile.builder()
        // JPKI AP, docs/card-protocol.md §5.1
        .file(Application.JPKI, 0x0001, SIGN_CERT, Access.anyOf(0x001B))
        .file(Application.JPKI, 0x0002, derLike(0x0500, 0, (byte) 0x55), Access.always())
        .file(Application.JPKI, 0x0006, tokenInfo, Access.always())
        .file(Application.JPKI, 0x0009, filled(8, (byte) 0), Access.never())
        .file(Application.JPKI, 0x000A, AUTH_CERT, Access.always())
        .file(Application.JPKI, 0x000B, derLike(0x0500, 0, (byte) 0x66), Access.always())
        .signingKey(Application.JPKI, 0x0017, priv(AUTH_KEY), Access.anyOf(0x0018))
        .credential(Application.JPKI, 0x0018, ascii(AUTH_PIN), CardProfile.PIN_MAX_TRIES)
        .signingKey(Application.JPKI, 0x001A, priv(SIGN_KEY), Access.anyOf(0x001B))
        .credential(Application.JPKI, 0x001B, ascii(SIGN_PASSWORD),
            CardProfile.SIGN_PASSWORD_MAX_TRIES)
        // text AP, docs/card-protocol.md §6.1
        .file(Application.TEXT, 0x0001, MY_NUMBER_EF, Access.anyOf(0x0011, 0x0014))
        .file(Application.TEXT, 0x0002, filled(104, (byte) 0x77), Access.anyOf(0x0011, 0x0015))
        .file(Application.TEXT, 0x0003, filled(336, (byte) 0x78),
            Access.anyOf(0x0011, 0x0014, 0x0015))
        .file(Application.TEXT, 0x0004, filled(568, (byte) 0x79), Access.always())
        .file(Application.TEXT, 0x0005, filled(164, (byte) 0x7A), Access.always())
        .credential(Application.TEXT, 0x0011, ascii(TEXT_PIN), CardProfile.PIN_MAX_TRIES)
        .blockedCredential(Application.TEXT, 0x0012)
        .signingKey(Application.TEXT, 0x0013, priv(CARD_KEY), Access.always())
        .credential(Application.TEXT, 0x0014, ascii(NUMBER_A),
            CardProfile.VERIFICATION_NUMBER_MAX_TRIES)
        .credential(Application.TEXT, 0x0015, ascii(NUMBER_B),
            CardProfile.VERIFICATION_NUMBER_MAX_TRIES)
        .cardKey(Application.TEXT, priv(CARD_KEY))
        // visual AP, docs/card-protocol.md §7.1
        .file(Application.VISUAL, 0x0001, filled(547, (byte) 0x81), Access.anyOf(0x0011))
        .file(Application.VISUAL, 0x0002, CARD_FACE, Access.anyOf(0x0012, 0x0013))
        .file(Application.VISUAL, 0x0003, filled(64, (byte) 0x83), Access.always())
        .file(Application.VISUAL, 0x0004, filled(568, (byte) 0x84), Access.always())
        .file(Application.VISUAL, 0x0005, filled(900, (byte) 0x85), Access.anyOf(0x0013))
        .credential(Application.VISUAL, 0x0011, ascii(DOB_KEY),
            CardProfile.VERIFICATION_NUMBER_MAX_TRIES)
        .credential(Application.VISUAL, 0x0012, ascii(NUMBER_B),
            CardProfile.VERIFICATION_NUMBER_MAX_TRIES)
        .credential(Application.VISUAL, 0x0013, ascii(NUMBER_A),
            CardProfile.VERIFICATION_NUMBER_MAX_TRIES)
        .cardKey(Application.VISUAL, priv(CARD_KEY))
        // common-card AP and juki AP, docs/card-protocol.md §8
        .recordFile(Application.COMMON, 0x0001, List.of(COMMON_RECORD), Access.always())
        .recordFile(Application.COMMON, 0x0002, List.of(filled(16, (byte) 0x91)), Access.always())
        .signingKey(Application.COMMON, 0x0019, priv(CARD_KEY), Access.always())
        .credential(Application.COMMON, 0x001C, ascii(JUKI_PIN), CardProfile.PIN_MAX_TRIES)
        .recordFile(Application.JUKI, 0x0002, List.of(filled(16, (byte) 0x91)), Access.always())
        .credential(Application.JUKI, 0x001C, ascii(JUKI_PIN), CardProfile.PIN_MAX_TRIES)
        // MF data objects, docs/card-protocol.md §8
        .dataObject(0x5F51, HexFormat.of().parseHex("E000FF8131FE4514"))
        .dataObject(0x00F8, LARGE_DO)
        .build();
  }

  public static VirtualMyNumberCard card() {
    return VirtualMyNumberCard.create(profile());
  }

  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  public static String hex(byte[] b) {
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  /** The SW of a response as an int. */
  public static int sw(byte[] response) {
    return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
  }

  /** The data of a response (without SW). */
  public static byte[] data(byte[] response) {
    return Arrays.copyOf(response, response.length - 2);
  }

  static RSAPrivateKey priv(KeyPair kp) {
    return (RSAPrivateKey) kp.getPrivate();
  }

  static byte[] filled(int n, byte b) {
    byte[] out = new byte[n];
    Arrays.fill(out, b);
    return out;
  }

  /** 30 82 LL LL + len bytes of pattern + filler bytes of FF: shaped like a DER certificate EF. */
  static byte[] derLike(int len, int filler, byte pattern) {
    byte[] out = new byte[4 + len + filler];
    out[0] = 0x30;
    out[1] = (byte) 0x82;
    out[2] = (byte) (len >>> 8);
    out[3] = (byte) len;
    for (int i = 0; i < len; i++) {
      out[4 + i] = (byte) (pattern + i);
    }
    Arrays.fill(out, 4 + len, out.length, (byte) 0xFF);
    return out;
  }

  private static byte[] myNumberEf() {
    byte[] out = new byte[17];
    out[0] = (byte) 0xFF;
    out[1] = 0x10;
    out[2] = 0x0C;
    System.arraycopy(ascii("987654321098"), 0, out, 3, 12);
    out[15] = (byte) 0xFF;
    out[16] = (byte) 0xFF;
    return out;
  }

  private static byte[] commonRecord() {
    byte[] out = new byte[30];
    out[0] = 0x01;
    out[1] = 0x1C;
    System.arraycopy(ascii("1234567890123451310120351231"), 0, out, 2, 28);
    return out;
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
