// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void of_japaneseLaw_countsFromTheDayBeforeTheBirthday(LocalDate dob, LocalDate on, int age) {
    assertThat(Age.of(dob, on)).isEqualTo(age);
    assertThat(Age.atLeast(dob, on, age)).isTrue();
    assertThat(Age.atLeast(dob, on, age + 1)).isFalse();
  }

  @Test
  void of_beforeBirth_throws() {
    assertThatThrownBy(() -> Age.of(LocalDate.of(2000, 1, 2), LocalDate.of(2000, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Age.atLeast(LocalDate.of(2000, 1, 2), LocalDate.of(2000, 1, 1), 0)).isFalse();
  }

  @Test
  void of_clock_usesClockDate() {
    Clock tokyo = Clock.fixed(java.time.Instant.parse("2026-05-13T15:30:00Z"), ZoneId.of("Asia/Tokyo"));
    assertThat(Age.of(LocalDate.of(2008, 5, 15), tokyo)).isEqualTo(18); // 2026-05-14 in Tokyo
  }

  @Test
  void gainedOn_defaultPersona_isEveOfBirthday() {
    assertThat(Age.gainedOn(LocalDate.of(1990, 5, 15), 18)).isEqualTo(LocalDate.of(2008, 5, 14));
  }

  @ParameterizedTest
  @CsvSource({
    "1868-01-25, MEIJI, 1",
    "1912-07-29, MEIJI, 45",
    "1912-07-30, TAISHO, 1",
    "1926-12-24, TAISHO, 15",
    "1926-12-25, SHOWA, 1",
    "1989-01-07, SHOWA, 64",
    "1989-01-08, HEISEI, 1",
    "2019-04-30, HEISEI, 31",
    "2019-05-01, REIWA, 1",
    "1990-05-15, HEISEI, 2",
  })
  void japaneseEra_boundaries(LocalDate date, JapaneseEra era, int year) {
    assertThat(JapaneseEra.of(date)).isEqualTo(era);
    assertThat(JapaneseEra.eraYear(date)).isEqualTo(year);
    assertThat(JapaneseEra.fromEraYyMmDd(JapaneseEra.toEraYyMmDd(date), era)).contains(date);
  }

  @Test
  void japaneseEra_yymmdd_matchesCliContractPersonas() {
    assertThat(JapaneseEra.toEraYyMmDd(LocalDate.of(1990, 5, 15))).isEqualTo("020515");
    assertThat(JapaneseEra.toEraYyMmDd(LocalDate.of(2010, 8, 20))).isEqualTo("220820");
    assertThat(JapaneseEra.toEraYyMmDd(LocalDate.of(1980, 2, 17))).isEqualTo("550217");
    assertThat(JapaneseEra.candidates("020515"))
        .containsExactly(LocalDate.of(1869, 5, 15), LocalDate.of(1913, 5, 15), LocalDate.of(1927, 5, 15), LocalDate.of(1990, 5, 15),
            LocalDate.of(2020, 5, 15));
    assertThat(JapaneseEra.fromEraYyMmDd("640108", JapaneseEra.SHOWA)).isEmpty(); // already Heisei
    assertThat(JapaneseEra.fromEraYyMmDd("010107", JapaneseEra.HEISEI)).isEmpty();
    assertThat(JapaneseEra.fromEraYyMmDd("12x456", JapaneseEra.HEISEI)).isEmpty();
    assertThatThrownBy(() -> JapaneseEra.of(LocalDate.of(1868, 1, 24))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void japaneseEra_agreesWithCardApiDateForAllDays_1873to2040() {
    // the card API builds 照合番号B / the DOB key with dev.jpki.card.CardDate: both must agree
    for (LocalDate d = LocalDate.of(1873, 1, 1); d.getYear() < 2041; d = d.plusDays(1)) {
      String core = dev.jpki.card.CardDate.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth()).toEraCompactString();
      if (!core.equals(JapaneseEra.toEraYyMmDd(d))) {
        org.assertj.core.api.Assertions.fail("differs on " + d + ": " + core + " vs " + JapaneseEra.toEraYyMmDd(d));
      }
    }
  }

  @Test
  void japaneseEra_codesMatchCertificateDateOfBirth() {
    for (JapaneseEra e : JapaneseEra.values()) {
      assertThat(JapaneseEra.ofCode(e.code())).contains(e);
    }
    assertThat(JapaneseEra.ofCode(0)).isEmpty();
    assertThat(JapaneseEra.REIWA.end()).isEmpty();
    assertThat(JapaneseEra.SHOWA.end()).contains(LocalDate.of(1989, 1, 7));
  }
}
