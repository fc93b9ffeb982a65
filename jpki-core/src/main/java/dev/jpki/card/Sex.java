// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

/**
 * A holder's sex (性別), one type for the card and the signature certificate.
 *
 * <p>On the card, as the text AP (EF 0002, DF25) and the visual AP (EF 0002, DF23) encode it: one ASCII digit,
 * ISO 5218 / JIS X 0303 (docs/card-protocol.md §6.3).
 */
public enum Sex {
  /** {@code 0}: not known. */
  UNKNOWN('0'),
  /** {@code 1}. */
  MALE('1'),
  /** {@code 2}. */
  FEMALE('2'),
  /**
   * {@code 3}: "other" per one library; whether the card ever stores it is UNCONFIRMED (docs/card-protocol.md §6.3). It
   * does occur in the signature certificate, with another meaning (§9.3).
   */
  OTHER('3'),
  /** {@code 9}: not applicable. */
  NOT_APPLICABLE('9');

  private final char code;

  Sex(char code) {
    this.code = code;
  }

  /** @return the ASCII digit the card stores */
  public char code() {
    return code;
  }

  /**
   * The value for a card digit.
   *
   * @param code the digit
   * @return the value
   * @throws IllegalArgumentException for any other character
   */
  public static Sex fromCode(char code) {
    for (Sex s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("sex code must be one of 0, 1, 2, 3, 9");
  }

  /**
   * The digit the signature certificate's subjectAltName uses: {@code 1} male, {@code 2} female and
   * {@code 3} ("unknown") for every other value, so the certificate cannot tell {@link #UNKNOWN},
   * {@link #OTHER} and {@link #NOT_APPLICABLE} apart (docs/card-protocol.md §9.3).
   *
   * @return {@code '1'}, {@code '2'} or {@code '3'}
   */
  public char certificateCode() {
    switch (this) {
      case MALE:
        return '1';
      case FEMALE:
        return '2';
      default:
        return '3';
    }
  }

  /**
   * The value for a signature-certificate digit: {@code 3} reads as {@link #UNKNOWN}, the meaning the
   * certificate profile gives it (docs/card-protocol.md §9.3).
   *
   * @param code the digit
   * @return the value
   * @throws IllegalArgumentException for any character other than 1, 2 or 3
   */
  public static Sex fromCertificateCode(char code) {
    switch (code) {
      case '1':
        return MALE;
      case '2':
        return FEMALE;
      case '3':
        return UNKNOWN;
      default:
        throw new IllegalArgumentException("certificate sex code must be one of 1, 2, 3");
    }
  }
}
