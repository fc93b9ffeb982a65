// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.BerTlv;
import dev.jpki.apdu.MalformedResponseException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The card face from visual AP EF {@code 0002} (docs/card-protocol.md §7.2): birth date, sex, the card's public key, the
 * name and address images (PNG), the photo (JPEG 2000), the issuer signature, the expiry date and the
 * security-code image (PNG), plus the exact TLV for the genuineness check of docs/card-protocol.md §7.3 (jpki-verify).
 *
 * <p>The offset table ({@code DF21}) is checked against the objects' real positions.
 *
 * <p>Security: personal data, including a photo. {@link #toString()} shows none of it. Immutable;
 * arrays are copied in and out.
 */
public final class CardFace {
  private static final int[] TAGS = {0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A};

  private final CardDate birthDate;
  private final Sex sex;
  private final RSAPublicKey cardPublicKey;
  private final byte[] nameImage;
  private final byte[] addressImage;
  private final byte[] photo;
  private final byte[] signature;
  private final CardDate expiryDate;
  private final byte[] securityCodeImage;
  private final byte[] encoded;

  private CardFace(BerTlv[] o, RSAPublicKey key, CardDate birthDate, Sex sex, CardDate expiry, byte[] encoded) {
    this.birthDate = birthDate;
    this.sex = sex;
    this.cardPublicKey = key;
    this.nameImage = o[3].value();
    this.addressImage = o[4].value();
    this.photo = o[5].value();
    this.signature = o[6].value();
    this.expiryDate = expiry;
    this.securityCodeImage = o[8].value();
    this.encoded = encoded;
  }

  /**
   * Parses the content of visual AP EF {@code 0002}.
   *
   * @param file the file's bytes from offset 0 (filler after the TLV is ignored)
   * @return the card face
   * @throws MalformedResponseException naming the offset of the first problem
   */
  public static CardFace parse(byte[] file) throws MalformedResponseException {
    return parse(file, "visual AP EF 0002");
  }

  static CardFace parse(byte[] file, String source) throws MalformedResponseException {
    BerTlv outer = CardData.outer(file, BasicInfo.TAG_TEMPLATE, source);
    BerTlv[] o = CardData.children(outer, BasicInfo.TAG_OFFSETS, TAGS, source);
    CardDate dob = CardData.date(o[0], source);
    Sex sex = CardData.sex(o[1], source);
    RSAPublicKey key = CardData.rsaKey(o[2], source);
    CardDate expiry = CardData.date(o[7], source);
    return new CardFace(o, key, dob, sex, expiry, outer.encoded());
  }

  /** @return 生年月日 (Gregorian) */
  public CardDate birthDate() {
    return birthDate;
  }

  /** @return 性別 */
  public Sex sex() {
    return sex;
  }

  /**
   * The card's own key (DF24), which signs challenges ({@link VisualApplet#signChallenge(byte[])}).
   *
   * @return the RSA public key
   */
  public RSAPublicKey cardPublicKey() {
    return cardPublicKey;
  }

  /** @return a copy of the 氏名 image (PNG) */
  public byte[] nameImage() {
    return nameImage.clone();
  }

  /** @return a copy of the 住所 image (PNG) */
  public byte[] addressImage() {
    return addressImage.clone();
  }

  /** @return a copy of the 顔写真 (JPEG 2000, greyscale) */
  public byte[] photo() {
    return photo.clone();
  }

  /** @return a copy of the issuer signature (DF28) over DF22..DF27, docs/card-protocol.md §7.3 */
  public byte[] signature() {
    return signature.clone();
  }

  /** @return 有効期限 (not covered by the issuer signature, docs/card-protocol.md §7.2) */
  public CardDate expiryDate() {
    return expiryDate;
  }

  /** @return a copy of the security-code image (PNG; not covered by the issuer signature) */
  public byte[] securityCodeImage() {
    return securityCodeImage.clone();
  }

  /**
   * The {@code FF20} object exactly as read (without filler), for the genuineness check (docs/card-protocol.md §7.3).
   *
   * @return a copy
   */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Convenience liveness check: whether {@code signature} is the card key's PKCS#1 v1.5 SHA-256
   * signature over {@code challenge} (docs/card-protocol.md §7.3 step 5). This proves nothing about the data's
   * genuineness; full verification against the J-LIS keys is jpki-verify's job.
   *
   * @param challenge the challenge that was sent
   * @param signature the card's answer
   * @return true if the signature verifies with {@link #cardPublicKey()}
   */
  public boolean isChallengeSignatureValid(byte[] challenge, byte[] signature) {
    return CardData.verifySha256Rsa(cardPublicKey, challenge, signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardFace other && Arrays.equals(other.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  /** @return {@code CardFace[<redacted>]}: personal data is never shown */
  @Override
  public String toString() {
    return "CardFace[<redacted>]";
  }
}
