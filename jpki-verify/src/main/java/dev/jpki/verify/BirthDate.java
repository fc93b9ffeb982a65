// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A date of birth in the JPKI signature certificate's form {@code EYYYYMMDD} (docs/card-protocol.md §9.3): an era code
 * ({@code 1} 明治 … {@code 5} 令和, {@code 0} unknown) followed by a Gregorian date in which any part may
 * be zero when the resident record does not know it (e.g. {@code 400000000}).
 *
 * <p>Personal data: {@link #toString()} is masked.
 */
public final class BirthDate {
  private final @Nullable JapaneseEra era;
  private final int year;
  private final int month;
  private final int day;

  private BirthDate(@Nullable JapaneseEra era, int year, int month, int day) {
    this.era = era;
    this.year = year;
    this.month = month;
    this.day = day;
  }

  /**
   * Parses {@code EYYYYMMDD}.
   *
   * @param value nine ASCII digits
   * @return the date
   * @throws BadInputException if the value is not nine digits, the era code is not 0–5, or a fully
   *     known date is not a calendar date
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
    if (e > 5) {
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
    }
    return new BirthDate(JapaneseEra.ofCode(e).orElse(null), y, m, d);
  }

  /**
   * Returns the era given in the certificate.
   *
   * @return the era, or empty when the era code is 0 (unknown)
   */
  public Optional<JapaneseEra> era() {
    return Optional.ofNullable(era);
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
   * Whether year, month and day are all known.
   *
   * @return true for a full date
   */
  public boolean isComplete() {
    return year != 0 && month != 0 && day != 0;
  }

  /**
   * Returns the date when fully known.
   *
   * @return the date, or empty when any part is unknown
   */
  public Optional<LocalDate> date() {
    return isComplete() ? Optional.of(LocalDate.of(year, month, day)) : Optional.empty();
  }

  /**
   * Whether the era code agrees with the Gregorian date (always true when either is unknown).
   *
   * @return false only for a full date outside the stated era
   */
  public boolean eraMatchesDate() {
    JapaneseEra e = era;
    return e == null || !isComplete() || e.contains(LocalDate.of(year, month, day));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof BirthDate b)) {
      return false;
    }
    return era == b.era && year == b.year && month == b.month && day == b.day;
  }

  @Override
  public int hashCode() {
    return Objects.hash(era, year, month, day);
  }

  @Override
  public String toString() {
    return "BirthDate[<redacted>]";
  }
}
