// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Card-verifiable certificates (docs/card-protocol.md §6.5): {@code 7F21 82 0233 { 5F4E 82 0129 <issuer id 16, subject
 * id 16, key 265>; 5F37 82 0100 <PKCS#1 v1.5 SHA-256 signature over the 297-byte body> }}, 568 bytes.
 */
public final class Cvc {
  /** Total length of an RSA-2048 CVC. */
  public static final int LENGTH = 568;

  /** Length of the signed body (two key ids and the public key). */
  public static final int BODY_LENGTH = 297;

  private Cvc() {}

  /**
   * Encodes and signs a CVC.
   *
   * @param issuer 証明者鍵ID, the id of the signing key
   * @param subject 被証明者鍵ID, the id of the certified key
   * @param subjectKey the certified RSA-2048 public key
   * @param issuerKey the signing key
   * @return the 568 bytes
   * @throws IllegalArgumentException if the subject key is not RSA-2048 with e = 65537
   */
  public static byte[] encode(
      CvcKeyId issuer, CvcKeyId subject, RSAPublicKey subjectKey, PrivateKey issuerKey) {
    byte[] key = CardKeys.encodePublicKey(subjectKey);
    if (key.length != 265) {
      throw new IllegalArgumentException("CVC subject key must be RSA-2048 with e=65537");
    }
    byte[] body = Tlv.concat(issuer.bytes(), subject.bytes(), key);
    byte[] sig = CardKeys.sha256WithRsa(body, issuerKey);
    return Tlv.long82(0x7F21, Tlv.concat(Tlv.long82(0x5F4E, body), Tlv.long82(0x5F37, sig)));
  }
}
