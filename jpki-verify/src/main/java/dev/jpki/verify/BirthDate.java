// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.internal.JapaneseEras;
import dev.jpki.verify.internal.Ages;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A date of birth as the JPKI signature certificate records it, {@code EYYYYMMDD} (docs/card-protocol.md
 * §9.3): an era digit ({@code 1} 明治 … {@code 5} 令和, {@code 0} unknown) followed by a Gregorian date in
 * which any part may be zero when the resident record does not know it (e.g. {@code 400000000}).
 *
 * <p>Not a {@link dev.jpki.card.CardDate}: that is a whole calendar day (the card's dates, always
 * complete); this one may lack its month or day or year, and its age is counted from the latest day it
 * can be, so an age is never over-stated. The era digit is checked against the date when the date is
 * complete (two statements of one fact: disagreeing, neither is trusted) and is otherwise redundant with
 * the Gregorian year, so it is not kept.
 *
 * <p>Personal data: {@link #toString()} is masked.
 */
public final class BirthDate {
  private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

  private final int year;
  private final int month;
  private final int day;

  private BirthDate(int year, int month, int day) {
    this.year = year;
    this.month = month;
    this.day = day;
  }

  /**
   * Parses {@code EYYYYMMDD}.
   *
   * @param value nine ASCII digits
   * @return the date
   * @throws BadInputException if the value is not nine digits, the era digit is not 0–5, a fully known
   *     date is not a calendar date, or the era digit contradicts a fully known date
   */
  public static BirthDate parse(String value) throws BadInputException {
    Objects.requireNonNull(value, "value");
    if (value.length() != 9) {
      throw new BadInputException("date of birth", -1, "expected 9 digits (EYYYYMMDD), got " + value.length()
          + " characters");
    }
    for (int i = 0; i < 9; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new BadInputException("date of birth", i, "non-digit character");
      }
    }
    int e = value.charAt(0) - '0';
    int y = Integer.parseInt(value.substring(1, 5));
    int m = Integer.parseInt(value.substring(5, 7));
    int d = Integer.parseInt(value.substring(7, 9));
    if (e > JapaneseEras.LATEST) {
      throw new BadInputException("date of birth", 0, "era code " + e + " is not 0-5");
    }
    if (m > 12 || d > 31) {
      throw new BadInputException("date of birth", 5, "month or day out of range");
    }
    if (y != 0 && m != 0 && d != 0) {
      try {
        LocalDate.of(y, m, d);
      } catch (DateTimeException ex) {
        throw new BadInputException("date of birth", 1, "not a calendar date", ex);
      }
      if (e != JapaneseEras.UNKNOWN && !JapaneseEras.contains(e, y, m, d)) {
        throw new BadInputException("date of birth", 0, "era code contradicts the date");
      }
    }
    return new BirthDate(y, m, d);
  }

  /**
   * Returns the Gregorian year.
   *
   * @return the year, or 0 when unknown
   */
  public int year() {
    return year;
  }

  /**
   * Returns the month.
   *
   * @return 1–12, or 0 when unknown
   */
  public int month() {
    return month;
  }

  /**
   * Returns the day of month.
   *
   * @return 1–31, or 0 when unknown
   */
  public int day() {
    return day;
  }

  /**
   * Returns the date when fully known.
   *
   * @return the date, or empty when any part is unknown
   */
  public Optional<LocalDate> date() {
    return year != 0 && month != 0 && day != 0 ? Optional.of(LocalDate.of(year, month, day)) : Optional.empty();
  }

  /**
   * Returns the age on a date as Japanese law counts it (年齢計算ニ関スル法律 with 民法 §143): a year is gained
   * at the start of the day before the birthday, so on the eve of the 18th birthday the holder is 18; a
   * 29 February birth gains it on 28 February. When the month or day is unknown the age counts from the
   * latest day the birth can have been (31 December, the month's last day), so it is never over-stated.
   *
   * @param on the date the age is wanted for, in Japan's calendar
   * @return completed years, or empty when the year of birth is unknown
   * @throws IllegalArgumentException if {@code on} is before the (latest possible) date of birth
   */
  public OptionalInt ageOn(LocalDate on) {
    Objects.requireNonNull(on, "on");
    if (year == 0) {
      return OptionalInt.empty();
    }
    LocalDate latest = month == 0 ? LocalDate.of(year, 12, 31)
        : day == 0 ? YearMonth.of(year, month).atEndOfMonth() : LocalDate.of(year, month, day);
    return OptionalInt.of(Ages.of(latest, on));
  }

  /**
   * Returns the age today according to a clock, counting the calendar day in Japan ({@code Asia/Tokyo})
   * whatever the clock's zone: the age a Japanese rule asks for changes at midnight in Japan, and a server
   * clock in UTC would otherwise be up to nine hours late.
   *
   * @param clock the clock; only its instant is used
   * @return as {@link #ageOn(LocalDate)} for today's date in Japan
   */
  public OptionalInt ageNow(Clock clock) {
    return ageOn(LocalDate.ofInstant(clock.instant(), JAPAN));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof BirthDate b)) {
      return false;
    }
    return year == b.year && month == b.month && day == b.day;
  }

  @Override
  public int hashCode() {
    return Objects.hash(year, month, day);
  }

  @Override
  public String toString() {
    return "BirthDate[<redacted>]";
  }
}
