// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.CardDate;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.temporal.ChronoField;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The product's one era table against an independent oracle, {@code java.time.chrono.JapaneseDate} (fine
 * in a test: only jpki-core's main code must do without {@code java.time}), for every day from the Meiji
 * proclamation to 2100.
 */
class JapaneseErasTest {
  private static final LocalDate FIRST = LocalDate.of(1868, 10, 23);
  private static final LocalDate LAST = LocalDate.of(2100, 12, 31);
  /** java.time's JapaneseDate starts at 明治6年 (1873-01-01), when Japan adopted the Gregorian calendar. */
  private static final LocalDate ORACLE_FROM = LocalDate.of(1873, 1, 1);

  /** Days from FIRST to LAST inclusive: 84,806. */
  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 84_806)
  void everyDay_agreesWithJavaTime(@ForAll @IntRange(min = 0, max = 84_805) int offset) {
    LocalDate d = FIRST.plusDays(offset);
    int era = JapaneseEras.eraOf(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    int year = JapaneseEras.eraYear(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    if (d.isBefore(ORACLE_FROM)) {
      // the oracle refuses these; the table says 明治 with the year counted from 1868 (明治元年)
      assertThat(era).isEqualTo(1);
      assertThat(year).isEqualTo(d.getYear() - 1867);
      assertThatThrownBy(() -> CardDate.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth()).toEraCompactString())
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    JapaneseDate j = JapaneseDate.from(d);
    // java.time numbers MEIJI -1 .. REIWA 3; the resident-registry digits are 1 (明治) .. 5 (令和)
    assertThat(era).as("era of %s", d).isEqualTo(j.getEra().getValue() + 2);
    assertThat(year).as("era year of %s", d).isEqualTo(j.get(ChronoField.YEAR_OF_ERA));
    assertThat(JapaneseEras.contains(era, d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isTrue();
    if (year <= 99) {
      assertThat(CardDate.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth()).toEraCompactString())
          .isEqualTo(String.format("%02d%02d%02d", year, d.getMonthValue(), d.getDayOfMonth()));
    }
  }

  @Test
  void rangeEndsAtTheLastDay() {
    assertThat(FIRST.plusDays(84_805)).isEqualTo(LAST);
  }

  @Test
  void beforeMeiji_hasNoEra() {
    assertThat(JapaneseEras.eraOf(1868, 10, 22)).isEqualTo(JapaneseEras.UNKNOWN);
    assertThatThrownBy(() -> JapaneseEras.eraYear(1868, 10, 22)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAndDigits_roundTrip() {
    for (int era = 1; era <= JapaneseEras.LATEST; era++) {
      assertThat(JapaneseEras.ofName(JapaneseEras.name(era))).isEqualTo(era);
    }
    assertThat(JapaneseEras.name(4)).isEqualTo("平成");
    assertThat(JapaneseEras.ofName("慶応")).isEqualTo(JapaneseEras.UNKNOWN);
    assertThatThrownBy(() -> JapaneseEras.name(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JapaneseEras.firstYear(6)).isInstanceOf(IllegalArgumentException.class);
  }
}
