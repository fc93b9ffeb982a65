// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

/**
 * The one table of the modern Japanese eras (元号) in the product: their resident-registry era digits, names
 * and first days. Used for the era-year {@code YYMMDD} dates of 照合番号B and the date-of-birth key
 * (docs/card-protocol.md §4.1, §4.3), the era digit of the signature certificate's date of birth
 * {@code EYYYYMMDD} (§9.3: {@code 1} 明治 … {@code 5} 令和, {@code 0} unknown) and the era dates an OCR
 * reads from the card face. Plain ints, no {@code java.time}: jpki-core runs on Android API 24.
 *
 * <p>Meiji starts on 1868-10-23 (the Gregorian day of the era proclamation); the later eras on 1912-07-30,
 * 1926-12-25, 1989-01-08 and 2019-05-01, so 1989-01-07 is 昭和64年 and 1989-01-08 平成元年. Japan used the
 * lunisolar calendar until 1872-12-31: era dates before 1873 are not the Gregorian date with another year,
 * which is why the callers that convert day and month refuse them ({@link #GREGORIAN_FROM_YEAR}).
 * {@code JapaneseErasTest} checks this table against {@code java.time.chrono.JapaneseDate} for every day.
 */
public final class JapaneseEras {
  /** Era digit for "unknown" in the certificate's date of birth; also returned for days before Meiji. */
  public static final int UNKNOWN = 0;

  /** The highest era digit (令和). */
  public static final int LATEST = 5;

  /** The first year in which Japan used the Gregorian calendar (明治6年). */
  public static final int GREGORIAN_FROM_YEAR = 1873;

  private static final String[] NAMES = {"明治", "大正", "昭和", "平成", "令和"};
  /** First day of each era as yyyymmdd, in era-digit order (digit 1 at index 0). */
  private static final int[] STARTS = {18681023, 19120730, 19261225, 19890108, 20190501};

  private JapaneseEras() {}

  /**
   * The era of a Gregorian day.
   *
   * @param year Gregorian year
   * @param month 1..12
   * @param day 1..31
   * @return the era digit 1 (明治) .. 5 (令和), or {@link #UNKNOWN} for a day before 1868-10-23
   */
  public static int eraOf(int year, int month, int day) {
    int ymd = year * 10000 + month * 100 + day;
    for (int i = STARTS.length - 1; i >= 0; i--) {
      if (ymd >= STARTS[i]) {
        return i + 1;
      }
    }
    return UNKNOWN;
  }

  /**
   * The era year (1 = 元年) of a Gregorian day.
   *
   * @param year Gregorian year
   * @param month 1..12
   * @param day 1..31
   * @return the year within {@link #eraOf}
   * @throws IllegalArgumentException for a day before 1868-10-23
   */
  public static int eraYear(int year, int month, int day) {
    int era = eraOf(year, month, day);
    if (era == UNKNOWN) {
      throw new IllegalArgumentException("date before the Meiji era");
    }
    return year - firstYear(era) + 1;
  }

  /**
   * The Gregorian year of an era's first day (元年).
   *
   * @param era 1..5
   * @return e.g. 1989 for 平成
   * @throws IllegalArgumentException for another digit
   */
  public static int firstYear(int era) {
    return STARTS[index(era)] / 10000;
  }

  /**
   * Whether a Gregorian day lies in an era.
   *
   * @param era 1..5
   * @param year Gregorian year
   * @param month 1..12
   * @param day 1..31
   * @return true from the era's first day to the day before the next era's
   * @throws IllegalArgumentException for another era digit
   */
  public static boolean contains(int era, int year, int month, int day) {
    index(era);
    return eraOf(year, month, day) == era;
  }

  /**
   * The era's name.
   *
   * @param era 1..5
   * @return e.g. {@code "平成"}
   * @throws IllegalArgumentException for another digit
   */
  public static String name(int era) {
    return NAMES[index(era)];
  }

  /**
   * The era digit of a name.
   *
   * @param name e.g. {@code "平成"}
   * @return 1..5, or {@link #UNKNOWN} if the name is none of the table's
   */
  public static int ofName(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i + 1;
      }
    }
    return UNKNOWN;
  }

  private static int index(int era) {
    if (era < 1 || era > LATEST) {
      throw new IllegalArgumentException("era digit must be 1..5");
    }
    return era - 1;
  }
}
