// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The modern Japanese eras (元号) with their official first days, for the era-prefixed dates of the JPKI
 * signature certificate (docs/card-protocol.md §9.3: code 1–5) and the era-year {@code YYMMDD} dates of 照合番号B and the
 * DOB key (docs/card-protocol.md §4.1, §4.3).
 *
 * <p>Meiji is dated from 1868-01-25, the Gregorian date of 明治元年1月1日 (the era was applied to the whole
 * lunar year); Japan used the lunisolar calendar until 明治5年, so Meiji 1–5 dates are proleptic
 * Gregorian here. The later eras start on 1912-07-30, 1926-12-25, 1989-01-08 and 2019-05-01, so the
 * last day of an era is also 元年 of nothing: 1989-01-07 is 昭和64年, 1989-01-08 is 平成元年.
 */
public enum JapaneseEra {
  /** 明治, code 1. */
  MEIJI(1, "明治", LocalDate.of(1868, 1, 25)),
  /** 大正, code 2. */
  TAISHO(2, "大正", LocalDate.of(1912, 7, 30)),
  /** 昭和, code 3. */
  SHOWA(3, "昭和", LocalDate.of(1926, 12, 25)),
  /** 平成, code 4. */
  HEISEI(4, "平成", LocalDate.of(1989, 1, 8)),
  /** 令和, code 5. */
  REIWA(5, "令和", LocalDate.of(2019, 5, 1));

  private final int code;
  private final String kanji;
  private final LocalDate start;

  JapaneseEra(int code, String kanji, LocalDate start) {
    this.code = code;
    this.kanji = kanji;
    this.start = start;
  }

  /**
   * Returns the JPKI era code (docs/card-protocol.md §9.3).
   *
   * @return 1 (Meiji) to 5 (Reiwa)
   */
  public int code() {
    return code;
  }

  /**
   * Returns the era name in kanji.
   *
   * @return e.g. "平成"
   */
  public String kanji() {
    return kanji;
  }

  /**
   * Returns the first day of the era.
   *
   * @return the official start date
   */
  public LocalDate start() {
    return start;
  }

  /**
   * Returns the last day of the era.
   *
   * @return the day before the next era starts, or empty for the current era
   */
  public Optional<LocalDate> end() {
    JapaneseEra next = null;
    for (JapaneseEra e : values()) {
      if (e.start.isAfter(start) && (next == null || e.start.isBefore(next.start))) {
        next = e;
      }
    }
    return next == null ? Optional.empty() : Optional.of(next.start.minusDays(1));
  }

  /**
   * Whether a date falls in this era.
   *
   * @param date a Gregorian date
   * @return true if {@code start() <= date <= end()}
   */
  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && end().map(e -> !date.isAfter(e)).orElse(true);
  }

  /**
   * Finds an era by its JPKI code.
   *
   * @param code 1–5
   * @return the era, or empty for any other code (0 means "unknown" in the certificate)
   */
  public static Optional<JapaneseEra> ofCode(int code) {
    for (JapaneseEra e : values()) {
      if (e.code == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds the era of a date.
   *
   * @param date a Gregorian date
   * @return the era
   * @throws IllegalArgumentException for dates before 1868-01-25
   */
  public static JapaneseEra of(LocalDate date) {
    JapaneseEra[] all = values();
    for (int i = all.length - 1; i >= 0; i--) {
      if (!date.isBefore(all[i].start)) {
        return all[i];
      }
    }
    throw new IllegalArgumentException("date before the Meiji era");
  }

  /**
   * Returns the era year of a date (1 = 元年).
   *
   * @param date a Gregorian date
   * @return the year within {@link #of(LocalDate)}
   */
  public static int eraYear(LocalDate date) {
    return date.getYear() - of(date).start.getYear() + 1;
  }

  /**
   * Converts an era year to the Gregorian year.
   *
   * @param eraYear 1 = 元年
   * @return the Gregorian year in which that era year lies (mostly; the first era year starts mid-year)
   */
  public int toGregorianYear(int eraYear) {
    if (eraYear < 1) {
      throw new IllegalArgumentException("era year must be at least 1");
    }
    return start.getYear() + eraYear - 1;
  }

  /**
   * Formats a date as era-year {@code YYMMDD}, the form of the date of birth in 照合番号B and the DOB key
   * (docs/card-protocol.md §4.1), e.g. 1990-05-15 → {@code "020515"} (平成2年).
   *
   * @param date the date
   * @return six digits
   * @throws IllegalArgumentException for dates before Meiji or with an era year above 99
   */
  public static String toEraYyMmDd(LocalDate date) {
    int y = eraYear(date);
    if (y > 99) {
      throw new IllegalArgumentException("era year above 99");
    }
    return String.format("%02d%02d%02d", y, date.getMonthValue(), date.getDayOfMonth());
  }

  /**
   * Reads an era-year {@code YYMMDD} date in a given era.
   *
   * @param yymmdd six digits
   * @param era the era
   * @return the date, or empty if the digits are not a date inside that era
   */
  public static Optional<LocalDate> fromEraYyMmDd(String yymmdd, JapaneseEra era) {
    if (yymmdd.length() != 6 || !yymmdd.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int y = Integer.parseInt(yymmdd.substring(0, 2));
    int m = Integer.parseInt(yymmdd.substring(2, 4));
    int d = Integer.parseInt(yymmdd.substring(4, 6));
    if (y < 1) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.of(era.toGregorianYear(y), m, d);
      return era.contains(date) ? Optional.of(date) : Optional.empty();
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Every date an era-year {@code YYMMDD} can stand for (the era is not part of it): one per era in
   * which the digits name a valid date.
   *
   * @param yymmdd six digits
   * @return candidate dates, oldest era first
   */
  public static List<LocalDate> candidates(String yymmdd) {
    List<LocalDate> out = new ArrayList<>();
    for (JapaneseEra e : values()) {
      fromEraYyMmDd(yymmdd, e).ifPresent(out::add);
    }
    return out;
  }
}
