// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;
import dev.jpki.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The card-verifiable certificate of a 券面 AP (EF {@code 0004}, docs/card-protocol.md §6.5): issuer key id, subject key id,
 * the certified RSA key, and the issuer's signature over the 297-byte body.
 *
 * <pre>
 * 7F21 82 0233
 *   5F4E 82 0129  16-byte issuer key id ‖ 16-byte subject key id ‖ 90 03 010001 91 82 0100 modulus
 *   5F37 82 0100  RSA PKCS#1 v1.5 SHA-256 signature over the 5F4E value
 * </pre>
 */
public final class CardVerifiableCertificate {
  private final byte[] body;
  private final byte[] signature;
  private final byte[] issuerKeyId;
  private final byte[] subjectKeyId;
  private final RSAPublicKey publicKey;

  private CardVerifiableCertificate(byte[] body, byte[] signature, RSAPublicKey publicKey) {
    this.body = body;
    this.signature = signature;
    this.issuerKeyId = Arrays.copyOfRange(body, 0, 16);
    this.subjectKeyId = Arrays.copyOfRange(body, 16, 32);
    this.publicKey = publicKey;
  }

  /**
   * Parses EF 0004 (filler after the object is ignored).
   *
   * @param ef0004 the file content
   * @return the certificate (signature not yet checked)
   * @throws BadInputException if the layout differs from docs/card-protocol.md §6.5
   */
  public static CardVerifiableCertificate parse(byte[] ef0004) throws BadInputException {
    DerCursor c = new DerCursor(ef0004, 0, "CVC");
    c.expect(0x7F21, ef0004.length, "certificate");
    int end = c.valueEnd();
    c.expect(0x5F4E, end, "body");
    if (c.valueLength() < 32 + 7) {
      throw c.bad("body", c.headerStart(), "too short for two key ids and a key");
    }
    byte[] body = Arrays.copyOfRange(ef0004, c.valueStart(), c.valueEnd());
    RSAPublicKey key = CardKeys.parseRsa(ef0004, c.valueStart() + 32, c.valueEnd(), "CVC public key");
    c.skip();
    c.expect(0x5F37, end, "signature");
    byte[] sig = Arrays.copyOfRange(ef0004, c.valueStart(), c.valueEnd());
    c.skip();
    if (c.pos() != end) {
      throw c.bad("certificate", c.pos(), "unexpected element");
    }
    return new CardVerifiableCertificate(body, sig, key);
  }

  /**
   * Formats a 16-byte key id as printed by J-LIS tools: 7 digits, {@code /}, 3 digits (e.g.
   * {@code 5000033/001}); other layouts as hex (docs/card-protocol.md §6.5).
   *
   * @param keyId 16 bytes
   * @return the text form
   */
  public static String keyIdText(byte[] keyId) {
    if (keyId.length == 16 && digits(keyId, 0, 7) && keyId[7] == 0x08 && keyId[8] == 0x05 && digits(keyId, 9, 3)) {
      return new String(keyId, 0, 7, StandardCharsets.US_ASCII) + "/"
          + new String(keyId, 9, 3, StandardCharsets.US_ASCII);
    }
    return Hex.encodeLower(keyId);
  }

  private static boolean digits(byte[] b, int off, int n) {
    for (int i = 0; i < n; i++) {
      if (b[off + i] < '0' || b[off + i] > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the signed body (the 5F4E value).
   *
   * @return a copy
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the issuer's signature (the 5F37 value).
   *
   * @return a copy
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Returns the issuer key id.
   *
   * @return a copy of the 16 bytes
   */
  public byte[] issuerKeyId() {
    return issuerKeyId.clone();
  }

  /**
   * Returns the issuer key id in text form, e.g. {@code 5000033/001}.
   *
   * @return the text form
   */
  public String issuerKeyIdText() {
    return keyIdText(issuerKeyId);
  }

  /**
   * Returns the subject key id in text form.
   *
   * @return the text form
   */
  public String subjectKeyIdText() {
    return keyIdText(subjectKeyId);
  }

  /**
   * Returns the certified key: the AP's data-signing key that verifies EF 0003 (text AP) and the card-face
   * and age-record signatures (visual AP).
   *
   * @return the RSA public key
   */
  public RSAPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "CardVerifiableCertificate[issuer=" + issuerKeyIdText() + ", subject=" + subjectKeyIdText() + "]";
  }
}
