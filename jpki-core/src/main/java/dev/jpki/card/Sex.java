package dev.jpki.card;

/**
 * 性別 as the text AP (EF 0002, DF25) and the visual AP (EF 0002, DF23) encode it: one ASCII digit,
 * ISO 5218 / JIS X 0303 (spec §6.3).
 */
public enum Sex {
  /** {@code 0}: not known. */
  UNKNOWN('0'),
  /** {@code 1}. */
  MALE('1'),
  /** {@code 2}. */
  FEMALE('2'),
  /**
   * {@code 3}: "other" per one library; whether the card ever stores it is UNCONFIRMED (spec §6.3). It
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
}
