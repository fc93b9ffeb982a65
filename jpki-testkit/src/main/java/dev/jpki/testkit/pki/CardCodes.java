// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.temporal.ChronoField;

/**
 * The derived values printed on or computed from a My Number Card: the My Number check digit,
 * 照合番号B, the DOB key, the certificate SAN date of birth and the validity rules. Pure functions,
 * thread-safe.
 */
public final class CardCodes {
  private CardCodes() {}

  /**
   * The check digit of a My Number (個人番号) from its first 11 digits: weights 2-7 then 2-6 from the
   * right, remainder mod 11, {@code 0} for remainders 0 and 1, else {@code 11 - remainder}.
   *
   * @param first11 the first 11 ASCII digits
   * @return the check digit, 0..9
   * @throws IllegalArgumentException if the input is not 11 digits (the value is not echoed)
   */
  public static int myNumberCheckDigit(String first11) {
    if (first11.length() != 11 || !first11.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("My Number body must be exactly 11 ASCII digits");
    }
    int sum = 0;
    for (int n = 1; n <= 11; n++) {
      int p = first11.charAt(11 - n) - '0';
      int q = n <= 6 ? n + 1 : n - 5;
      sum += p * q;
    }
    int r = sum % 11;
    return r <= 1 ? 0 : 11 - r;
  }

  /**
   * Whether a string is a 12-digit My Number with a correct check digit.
   *
   * @param myNumber the candidate
   * @return true if well formed
   */
  public static boolean isValidMyNumber(String myNumber) {
    if (myNumber.length() != 12 || !myNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return myNumberCheckDigit(myNumber.substring(0, 11)) == myNumber.charAt(11) - '0';
  }

  /**
   * The DOB key (生年月日読出用暗証番号, visual AP {@code 0011}): {@code YYMMDD} with the Japanese-era
   * year as printed on the card (docs/card-protocol.md §4.1), e.g. 1990-05-15 (平成2年) gives {@code "020515"}.
   *
   * @param birthDate the date of birth
   * @return six ASCII digits
   * @throws IllegalArgumentException if the date is before the Japanese calendar's Meiji 6 or its era
   *     year has three digits
   */
  public static String dobKey(LocalDate birthDate) {
    int eraYear = eraYear(birthDate);
    if (eraYear > 99) {
      throw new IllegalArgumentException("era year does not fit two digits");
    }
    return String.format(
        "%02d%02d%02d", eraYear, birthDate.getMonthValue(), birthDate.getDayOfMonth());
  }

  /**
   * 照合番号B (docs/card-protocol.md §4.1, §4.3): the era-year DOB {@code YYMMDD}, the card's expiry year (Gregorian
   * {@code YYYY}) and the 4-digit security code, e.g. {@code "02051520345678"}.
   *
   * @param birthDate the date of birth
   * @param cardExpiry the card's expiry date
   * @param securityCode the 4-digit security code printed on the card face
   * @return 14 ASCII digits
   * @throws IllegalArgumentException if the security code is not 4 digits or the DOB is out of range
   */
  public static String verificationNumberB(
      LocalDate birthDate, LocalDate cardExpiry, String securityCode) {
    if (securityCode.length() != 4 || !securityCode.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("security code must be exactly 4 ASCII digits");
    }
    return dobKey(birthDate) + String.format("%04d", cardExpiry.getYear()) + securityCode;
  }

  /**
   * The signature-certificate SAN date of birth {@code EYYYYMMDD} (docs/card-protocol.md §9.3): era code ({@code 1}
   * 明治, {@code 2} 大正, {@code 3} 昭和, {@code 4} 平成, {@code 5} 令和) and the Gregorian date, e.g.
   * {@code "419900515"}.
   *
   * @param birthDate the date of birth
   * @return nine ASCII digits
   * @throws IllegalArgumentException if the date is before Meiji 6 (1873)
   */
  public static String sanBirthDate(LocalDate birthDate) {
    return eraCode(birthDate) + String.format("%04d%02d%02d", birthDate.getYear(),
        birthDate.getMonthValue(), birthDate.getDayOfMonth());
  }

  /**
   * The era code of a date as used in the SAN: 1 明治 ... 5 令和.
   *
   * @param date the date
   * @return the code
   * @throws IllegalArgumentException if the date is before Meiji 6 (1873)
   */
  public static int eraCode(LocalDate date) {
    JapaneseEra era = japanese(date).getEra();
    // JapaneseEra values: MEIJI -1, TAISHO 0, SHOWA 1, HEISEI 2, REIWA 3; SAN codes start at 1 = 明治.
    return era.getValue() + 2;
  }

  /**
   * The {@code n}-th birthday strictly after a date ("発行日後n回目の誕生日", docs/card-protocol.md §9.1). A 29 February
   * birthday falls on 28 February in common years.
   *
   * @param birthDate the date of birth
   * @param after the issue date
   * @param n 1 or more
   * @return the date of that birthday
   */
  public static LocalDate nthBirthdayAfter(LocalDate birthDate, LocalDate after, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    int year = after.getYear();
    if (!birthDate.withYear(year).isAfter(after)) {
      year++;
    }
    return birthDate.withYear(year + n - 1);
  }

  /**
   * The default certificate expiry: the 5th birthday after issue (docs/card-protocol.md §9.1; docs/cli.md).
   *
   * @param birthDate the holder's date of birth
   * @param issued the issue date
   * @return the expiry date
   */
  public static LocalDate certificateExpiry(LocalDate birthDate, LocalDate issued) {
    return nthBirthdayAfter(birthDate, issued, 5);
  }

  /**
   * The default card expiry: the 10th birthday after issue for holders 18 or older at issue, the 5th
   * for younger holders (docs/cli.md personas {@code default} and {@code minor}).
   *
   * @param birthDate the holder's date of birth
   * @param issued the issue date
   * @return the expiry date
   */
  public static LocalDate cardExpiry(LocalDate birthDate, LocalDate issued) {
    return nthBirthdayAfter(birthDate, issued, ageOn(birthDate, issued) >= 18 ? 10 : 5);
  }

  /**
   * Age in whole years on a date.
   *
   * @param birthDate the date of birth
   * @param on the date
   * @return the age
   */
  public static int ageOn(LocalDate birthDate, LocalDate on) {
    return Period.between(birthDate, on).getYears();
  }

  private static int eraYear(LocalDate date) {
    return japanese(date).get(ChronoField.YEAR_OF_ERA);
  }

  private static JapaneseDate japanese(LocalDate date) {
    try {
      return JapaneseDate.from(date);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("date is outside the Japanese calendar (before 1873)", e);
    }
  }
}
