// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.JapaneseEras;

/**
 * A calendar date as the card stores it (Gregorian {@code YYYYMMDD}): birth dates, expiry dates.
 *
 * <p>jpki-core runs on Android API 24, which lacks {@code java.time}; convert with {@code
 * LocalDate.of(d.year(), d.month(), d.day())} where {@code java.time} is available. Immutable,
 * validated (a real day of the proleptic Gregorian calendar), ordered chronologically.
 */
public final class CardDate implements Comparable<CardDate> {
  private final int year;
  private final int month;
  private final int day;

  private CardDate(int year, int month, int day) {
    this.year = year;
    this.month = month;
    this.day = day;
  }

  /**
   * A date from its parts.
   *
   * @param year 1..9999
   * @param month 1..12
   * @param day 1..length of the month
   * @return the date
   * @throws IllegalArgumentException if the parts do not name a real day
   */
  public static CardDate of(int year, int month, int day) {
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException("year must be 1..9999");
    }
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month must be 1..12");
    }
    if (day < 1 || day > lengthOfMonth(year, month)) {
      throw new IllegalArgumentException("day must be a day of the given month");
    }
    return new CardDate(year, month, day);
  }

  /**
   * Parses the card's 8 ASCII digits {@code YYYYMMDD}.
   *
   * @param digits 8 characters
   * @return the date
   * @throws IllegalArgumentException if the text is not 8 digits naming a real day
   */
  public static CardDate parseCompact(CharSequence digits) {
    if (digits.length() != 8) {
      throw new IllegalArgumentException("a card date must be 8 digits YYYYMMDD");
    }
    for (int i = 0; i < 8; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("a card date must be 8 digits YYYYMMDD");
      }
    }
    String s = digits.toString();
    return of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
        Integer.parseInt(s.substring(6, 8)));
  }

  /**
   * Parses ISO {@code YYYY-MM-DD}.
   *
   * @param iso e.g. {@code "1990-05-15"}
   * @return the date
   * @throws IllegalArgumentException if the text is not an ISO date naming a real day
   */
  public static CardDate parse(CharSequence iso) {
    String s = iso.toString();
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      throw new IllegalArgumentException("date must be YYYY-MM-DD");
    }
    return parseCompact(s.substring(0, 4) + s.substring(5, 7) + s.substring(8, 10));
  }

  static boolean isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeapYear(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** @return the Gregorian year */
  public int year() {
    return year;
  }

  /** @return the month, 1..12 */
  public int month() {
    return month;
  }

  /** @return the day of the month, 1..31 */
  public int day() {
    return day;
  }

  /**
   * The card's compact form.
   *
   * @return 8 digits {@code YYYYMMDD}
   */
  public String toCompactString() {
    return pad(year, 4) + pad(month, 2) + pad(day, 2);
  }

  /**
   * The date as the card face prints it and as 照合番号B and the date-of-birth key need it: the
   * Japanese-era year (2 digits), month and day, {@code YYMMDD} (docs/card-protocol.md §4.1, §4.3). Eras: Reiwa from
   * 2019-05-01, Heisei from 1989-01-08, Showa from 1926-12-25, Taisho from 1912-07-30, Meiji before.
   *
   * <p>For holders whose card prints a Gregorian birth date (foreign residents) the rule is
   * UNCONFIRMED (docs/card-protocol.md §4.3); such callers pass the 6 digits as printed to {@link Pin#of} instead.
   *
   * @return 6 digits, e.g. {@code "020515"} for 1990-05-15 (平成2年)
   * @throws IllegalArgumentException for dates before 1873-01-01, when Japan adopted the Gregorian
   *     calendar
   */
  public String toEraCompactString() {
    // before 1873 the card would print a lunisolar day and month, not these (JapaneseEras)
    if (year < JapaneseEras.GREGORIAN_FROM_YEAR) {
      throw new IllegalArgumentException("era dates before 1873-01-01 are not supported");
    }
    int eraYear = JapaneseEras.eraYear(year, month, day);
    if (eraYear > 99) {
      throw new IllegalArgumentException("era year does not fit 2 digits");
    }
    return pad(eraYear, 2) + pad(month, 2) + pad(day, 2);
  }

  static String pad(int v, int width) {
    String s = Integer.toString(v);
    StringBuilder sb = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s).toString();
  }

  @Override
  public int compareTo(CardDate o) {
    if (year != o.year) {
      return Integer.compare(year, o.year);
    }
    if (month != o.month) {
      return Integer.compare(month, o.month);
    }
    return Integer.compare(day, o.day);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardDate other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return (year * 13 + month) * 32 + day;
  }

  /**
   * The ISO form. A bare date is not personal data; values that hold a person's dates mask them in
   * their own {@code toString()}.
   *
   * @return {@code YYYY-MM-DD}
   */
  @Override
  public String toString() {
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }
}
