// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Age as Japanese law counts it and the certificate form of the date of birth, through {@link BirthDate}. */
class AgeTest {
  @ParameterizedTest
  @CsvSource({
    // dob, on, age  (a year is gained at the start of the day before the birthday)
    "2008-05-15, 2026-05-13, 17",
    "2008-05-15, 2026-05-14, 18",   // birthday eve
    "2008-05-15, 2026-05-15, 18",
    "2008-04-01, 2026-03-31, 18",   // the 4/1 rule: 3/31 is the eve
    "2008-01-01, 2025-12-31, 18",   // eve falls in the previous calendar year
    "2008-01-01, 2025-12-30, 17",
    "2008-02-29, 2026-02-27, 17",   // 29 February, non-leap year: gained on 28 February
    "2008-02-29, 2026-02-28, 18",
    "2008-02-29, 2028-02-27, 19",   // leap year: the eve of 29 February is 28 February
    "2008-02-29, 2028-02-28, 20",
    "2008-03-01, 2026-02-28, 18",   // born 1 March: eve is the last day of February
    "2008-03-01, 2026-02-27, 17",
    "2026-05-15, 2026-05-15, 0",
  })
  void ageOn_japaneseLaw_countsFromTheDayBeforeTheBirthday(LocalDate dob, LocalDate on, int age) throws Exception {
    assertThat(birth(dob).ageOn(on)).hasValue(age);
  }

  @Test
  void ageOn_beforeBirth_throws() {
    assertThatThrownBy(() -> birth(LocalDate.of(2000, 1, 2)).ageOn(LocalDate.of(2000, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ageNow_countsTheCalendarDayInJapan() throws Exception {
    Clock tokyo = Clock.fixed(Instant.parse("2026-05-13T15:30:00Z"), ZoneId.of("Asia/Tokyo"));
    assertThat(birth(LocalDate.of(2008, 5, 15)).ageNow(tokyo)).hasValue(18); // 2026-05-14 in Tokyo
    Clock utc = Clock.fixed(Instant.parse("2026-05-13T15:30:00Z"), ZoneOffset.UTC); // same instant
    assertThat(birth(LocalDate.of(2008, 5, 15)).ageNow(utc)).hasValue(18);
  }

  @ParameterizedTest
  @CsvSource({
    // EYYYYMMDD with unknown parts, on, age counted from the latest possible day
    "319450800, 1963-08-29, 17",   // day unknown: latest is 1945-08-31, gained 18 on 1963-08-30
    "319450800, 1963-08-30, 18",
    "319450000, 1963-12-29, 17",   // month unknown: latest is 1945-12-31
    "319450000, 1963-12-30, 18",
    "400000000, 2026-01-01, -1",   // year unknown: no age
  })
  void ageOn_partlyUnknown_neverOverstates(String certificateForm, LocalDate on, int age) throws Exception {
    BirthDate d = BirthDate.parse(certificateForm);
    if (age < 0) {
      assertThat(d.ageOn(on)).isEmpty();
    } else {
      assertThat(d.ageOn(on)).hasValue(age);
    }
  }

  @ParameterizedTest
  @CsvSource({
    // the era digit must agree with a complete date, at every era boundary
    "119120729, true", "219120729, false", "219120730, true", "119120730, false",
    "219261224, true", "319261225, true", "219261225, false",
    "319890107, true", "419890107, false", "419890108, true",
    "419900515, true", "420190430, true", "520190430, false", "520190501, true", "420190501, false",
    "018680101, true", "118681022, false", "118681023, true",
  })
  void parse_eraDigitMustAgreeWithTheDate(String certificateForm, boolean accepted) {
    if (accepted) {
      assertThatCode(() -> BirthDate.parse(certificateForm)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> BirthDate.parse(certificateForm)).isInstanceOf(BadInputException.class)
          .hasMessageContaining("era code contradicts the date");
    }
  }

  private static BirthDate birth(LocalDate d) throws BadInputException {
    return BirthDate.parse("0" + d.toString().replace("-", "")); // era digit 0: unknown, not checked
  }
}
