// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

/**
 * A My Number (個人番号): 12 digits whose last is a check digit over the first 11.
 *
 * <p>The check digit follows the official rule (個人番号の指定に関する省令 第五条): with {@code P(n)} the
 * n-th of the first 11 digits counted from the right and weights {@code Q(n) = n + 1} for n ≤ 6, {@code
 * n - 5} for n ≥ 7, the remainder {@code r = Σ P(n)·Q(n) mod 11} gives check digit 0 when {@code r ≤ 1},
 * else {@code 11 - r}.
 *
 * <p>Security: the number is personal data and its use is restricted by law. {@link #toString()} never
 * shows it; {@link #digits()} does, for the code that must.
 */
public final class MyNumber {
  private final String digits;

  private MyNumber(String digits) {
    this.digits = digits;
  }

  /**
   * Validates and wraps a My Number.
   *
   * @param digits 12 ASCII digits
   * @return the value
   * @throws IllegalArgumentException if it is not 12 digits or the check digit is wrong (the message
   *     names the rule, never the value)
   */
  public static MyNumber of(CharSequence digits) {
    if (!isValid(digits)) {
      throw new IllegalArgumentException("a My Number must be 12 digits with a valid check digit");
    }
    return new MyNumber(digits.toString());
  }

  /**
   * Whether the text is 12 digits with a valid check digit.
   *
   * @param digits the candidate
   * @return true if valid
   */
  public static boolean isValid(CharSequence digits) {
    if (digits.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return checkDigit(digits) == digits.charAt(11) - '0';
  }

  /**
   * The check digit for the first 11 digits of {@code digits}.
   *
   * @param digits at least 11 ASCII digits (only the first 11 are used)
   * @return 0..9
   * @throws IllegalArgumentException if fewer than 11 digits are given or one is not a digit
   */
  public static int checkDigit(CharSequence digits) {
    if (digits.length() < 11) {
      throw new IllegalArgumentException("the check digit needs 11 digits");
    }
    int sum = 0;
    for (int n = 1; n <= 11; n++) {
      char c = digits.charAt(11 - n);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("a My Number has digits only");
      }
      int q = n <= 6 ? n + 1 : n - 5;
      sum += (c - '0') * q;
    }
    int r = sum % 11;
    return r <= 1 ? 0 : 11 - r;
  }

  static boolean isValid(char[] digits) {
    return isValid(java.nio.CharBuffer.wrap(digits));
  }

  /**
   * The 12 digits.
   *
   * <p>Security: personal data; do not log or display without the holder's consent.
   *
   * @return the number
   */
  public String digits() {
    return digits;
  }

  /**
   * The number with all but the last four digits hidden, for screens that must let the holder
   * recognise their card (e.g. {@code "********9018"}).
   *
   * @return the masked form
   */
  public String masked() {
    return "********" + digits.substring(8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MyNumber other && other.digits.equals(digits);
  }

  @Override
  public int hashCode() {
    return digits.hashCode();
  }

  /** @return {@code MyNumber[<redacted>]}, never a digit */
  @Override
  public String toString() {
    return "MyNumber[<redacted>]";
  }
}
