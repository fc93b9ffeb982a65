package dev.jpki.testkit.pki;

/**
 * A holder's sex with its two encodings: the text/visual AP digit (ISO 5218 / JIS X 0303, spec §6.3)
 * and the signature-certificate SAN digit (spec §9.3), which differ for "other".
 */
public enum Sex {
  /** Male: {@code 1} on the card and in the certificate. */
  MALE('1', '1'),
  /** Female: {@code 2} on the card and in the certificate. */
  FEMALE('2', '2'),
  /**
   * Neither: {@code 9} ("not applicable", ISO 5218) on the card and {@code 3} ("unknown") in the
   * certificate. Whether a card ever holds {@code 3} instead is <b>UNCONFIRMED</b> (spec §6.3).
   */
  OTHER('9', '3');

  private final char cardCode;
  private final char certificateCode;

  Sex(char cardCode, char certificateCode) {
    this.cardCode = cardCode;
    this.certificateCode = certificateCode;
  }

  /**
   * The ASCII digit in text AP EF 0002 tag DF25 and visual AP EF 0002 tag DF23.
   *
   * @return the digit
   */
  public char cardCode() {
    return cardCode;
  }

  /**
   * The digit in the signature certificate's SAN otherName {@code 1.2.392.200149.8.5.5.3}.
   *
   * @return the digit
   */
  public char certificateCode() {
    return certificateCode;
  }
}
