// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.BerTlv;
import dev.jpki.apdu.MalformedResponseException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * The age record of visual AP EF {@code 0001}, opened by the date-of-birth key (docs/card-protocol.md §7.4): the birth
 * date, the card's public key and the issuer signature over both, for PIN-less age checks (docs/card-protocol.md §10
 * pattern B''; verification is jpki-verify's job).
 *
 * <p>Security: personal data; {@link #toString()} shows none of it. Immutable.
 */
public final class AgeRecord {
  private static final int TAG_TEMPLATE = 0xFF10;
  private static final int[] TAGS = {0xDF11, 0xDF12, 0xDF13};

  private final CardDate birthDate;
  private final RSAPublicKey cardPublicKey;
  private final byte[] signature;
  private final byte[] encoded;

  private AgeRecord(CardDate birthDate, RSAPublicKey cardPublicKey, byte[] signature, byte[] encoded) {
    this.birthDate = birthDate;
    this.cardPublicKey = cardPublicKey;
    this.signature = signature;
    this.encoded = encoded;
  }

  /**
   * Parses the content of visual AP EF {@code 0001}.
   *
   * @param file the file's bytes from offset 0
   * @return the record
   * @throws MalformedResponseException naming the offset of the first problem
   */
  public static AgeRecord parse(byte[] file) throws MalformedResponseException {
    return parse(file, "visual AP EF 0001");
  }

  static AgeRecord parse(byte[] file, String source) throws MalformedResponseException {
    BerTlv outer = CardData.outer(file, TAG_TEMPLATE, source);
    BerTlv[] o = CardData.children(outer, -1, TAGS, source);
    return new AgeRecord(CardData.date(o[0], source), CardData.rsaKey(o[1], source), o[2].value(), outer.encoded());
  }

  /** @return 生年月日 (Gregorian) */
  public CardDate birthDate() {
    return birthDate;
  }

  /** @return the card's key (DF12) */
  public RSAPublicKey cardPublicKey() {
    return cardPublicKey;
  }

  /** @return a copy of the issuer signature (DF13) over the TLVs before it */
  public byte[] signature() {
    return signature.clone();
  }

  /** @return a copy of the {@code FF10} object exactly as read */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Convenience liveness check with the card key, as {@link CardFace#isChallengeSignatureValid}.
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
    return o instanceof AgeRecord other && Arrays.equals(other.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  /** @return {@code AgeRecord[<redacted>]} */
  @Override
  public String toString() {
    return "AgeRecord[<redacted>]";
  }
}
