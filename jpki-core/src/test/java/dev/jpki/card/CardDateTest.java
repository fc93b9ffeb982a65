// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardDateTest {
  @Test
  void parseCompact_cardDigits_givesDate() {
    CardDate d = CardDate.parseCompact("19900515");
    assertThat(d.year()).isEqualTo(1990);
    assertThat(d.month()).isEqualTo(5);
    assertThat(d.day()).isEqualTo(15);
    assertThat(d.toString()).isEqualTo("1990-05-15");
    assertThat(d.toCompactString()).isEqualTo("19900515");
    assertThat(CardDate.parse("1990-05-15")).isEqualTo(d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"19900230", "19000229", "19901301", "19900000", "1990051", "1990O515", "199005150"})
  void parseCompact_notARealDay_throws(String s) {
    assertThatThrownBy(() -> CardDate.parseCompact(s)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_leapDay_acceptedOnlyInLeapYears() {
    assertThat(CardDate.of(2000, 2, 29).day()).isEqualTo(29);
    assertThat(CardDate.of(2024, 2, 29).day()).isEqualTo(29);
    assertThatThrownBy(() -> CardDate.of(2100, 2, 29)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compareTo_ordersChronologically() {
    assertThat(CardDate.of(1990, 5, 15)).isLessThan(CardDate.of(1990, 5, 16))
        .isLessThan(CardDate.of(1990, 6, 1)).isLessThan(CardDate.of(1991, 1, 1));
  }

  @ParameterizedTest
  @CsvSource({
    "2019-05-01, 010501", "2019-04-30, 310430", "1989-01-08, 010108", "1989-01-07, 640107",
    "1926-12-25, 011225", "1926-12-24, 151224", "1912-07-30, 010730", "1912-07-29, 450729",
    "1990-05-15, 020515", "2010-08-20, 220820", "1980-02-17, 550217", "2026-11-27, 081127"
  })
  void toEraCompactString_eraBoundaries_useThePrintedEraYear(String iso, String era) {
    assertThat(CardDate.parse(iso).toEraCompactString()).isEqualTo(era);
  }

  @Test
  void toEraCompactString_beforeGregorianAdoption_throws() {
    assertThatThrownBy(() -> CardDate.of(1872, 12, 31).toEraCompactString())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
