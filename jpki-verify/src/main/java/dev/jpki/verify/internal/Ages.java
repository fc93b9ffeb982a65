// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import java.time.LocalDate;
import java.time.Month;
import java.util.Objects;

/**
 * Age as Japanese law counts it (年齢計算ニ関スル法律 with 民法 §143): a person gains a year at the start of
 * the day before the birthday, so on the eve of the 18th birthday they are 18. For a 29 February birth
 * the period ends on the last day of February in non-leap years, so the year is gained on 28 February in
 * every year. The API offers it as {@code BirthDate.ageOn}; the flow verifiers use it directly.
 */
public final class Ages {
  private Ages() {}

  /**
   * Returns the age on a date.
   *
   * @param dateOfBirth the date of birth
   * @param on the date the age is wanted for
   * @return completed years, at least 0
   * @throws IllegalArgumentException if {@code on} is before the date of birth
   */
  public static int of(LocalDate dateOfBirth, LocalDate on) {
    Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    Objects.requireNonNull(on, "on");
    if (on.isBefore(dateOfBirth)) {
      throw new IllegalArgumentException("date is before the date of birth");
    }
    int n = on.getYear() - dateOfBirth.getYear() + 1;
    while (n > 0 && gainedOn(dateOfBirth, n).isAfter(on)) {
      n--;
    }
    return n;
  }

  /**
   * Returns the day on which the age {@code years} is reached.
   *
   * @param dateOfBirth the date of birth
   * @param years the age
   * @return the day before the birthday; 28 February for 29 February births
   */
  public static LocalDate gainedOn(LocalDate dateOfBirth, int years) {
    if (years == 0) {
      return dateOfBirth;
    }
    if (dateOfBirth.getMonth() == Month.FEBRUARY && dateOfBirth.getDayOfMonth() == 29) {
      // 民法 §143(2) proviso: no corresponding day in a non-leap year → the period ends at month end
      return LocalDate.of(dateOfBirth.getYear() + years, 2, 28);
    }
    return dateOfBirth.plusYears(years).minusDays(1);
  }
}
