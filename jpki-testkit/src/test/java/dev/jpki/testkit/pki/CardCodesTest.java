// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardCodesTest {

  @Test
  void myNumberCheckDigit_contractNumber_is8() {
    // docs/cli.md: 123456789018 has a valid check digit.
    assertThat(CardCodes.myNumberCheckDigit("12345678901")).isEqualTo(8);
    assertThat(CardCodes.isValidMyNumber("123456789018")).isTrue();
  }

  @Test
  void isValidMyNumber_wrongCheckDigitOrShape_false() {
    assertThat(CardCodes.isValidMyNumber("123456789017")).isFalse();
    assertThat(CardCodes.isValidMyNumber("12345678901")).isFalse();
    assertThat(CardCodes.isValidMyNumber("12345678901X")).isFalse();
  }

  @Test
  void myNumberCheckDigit_remainderZeroOrOne_isZero() {
    // "00000000000": sum 0, remainder 0 -> 0. "00000000010": P2=1,Q2=3 -> 3 -> 11-3 = 8.
    assertThat(CardCodes.myNumberCheckDigit("00000000000")).isZero();
    assertThat(CardCodes.myNumberCheckDigit("00000000010")).isEqualTo(8);
    // "10000000000": P11=1, Q11=6 -> 6 -> 5; "00000100000": P6=1,Q6=7 -> 7 -> 4.
    assertThat(CardCodes.myNumberCheckDigit("10000000000")).isEqualTo(5);
    assertThat(CardCodes.myNumberCheckDigit("00000100000")).isEqualTo(4);
  }

  @Test
  void myNumberCheckDigit_badInput_throwsWithoutEchoingValue() {
    assertThatThrownBy(() -> CardCodes.myNumberCheckDigit("98765"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("98765");
  }

  @ParameterizedTest
  @CsvSource({
    "1990-05-15, 020515", // 平成2 (docs/cli.md default persona)
    "2010-08-20, 220820", // 平成22 (minor)
    "1980-02-17, 550217", // 昭和55 (docs/card-protocol.md §4.3 test card)
    "1989-01-07, 640107", // last day of 昭和
    "1989-01-08, 010108", // first day of 平成
    "2019-05-01, 010501", // first day of 令和
  })
  void dobKey_eraYearAsPrinted(LocalDate dob, String expected) {
    assertThat(CardCodes.dobKey(dob)).isEqualTo(expected);
  }

  @Test
  void verificationNumberB_contractValues() {
    assertThat(CardCodes.verificationNumberB(LocalDate.of(1990, 5, 15), LocalDate.of(2034, 5, 15), "5678"))
        .isEqualTo("02051520345678");
    assertThat(CardCodes.verificationNumberB(LocalDate.of(2010, 8, 20), LocalDate.of(2028, 8, 20), "1111"))
        .isEqualTo("22082020281111");
    // docs/card-protocol.md §4.3: 1980-02-17, expiry 2035, code 2285 -> 55021720352285 (confirmed on a test card).
    assertThat(CardCodes.verificationNumberB(LocalDate.of(1980, 2, 17), LocalDate.of(2035, 2, 17), "2285"))
        .isEqualTo("55021720352285");
  }

  @Test
  void verificationNumberB_badSecurityCode_throws() {
    assertThatThrownBy(
            () -> CardCodes.verificationNumberB(LocalDate.of(1990, 5, 15), LocalDate.of(2034, 5, 15), "56a8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("security code")
        .hasMessageNotContaining("56a8");
  }

  @ParameterizedTest
  @CsvSource({
    "1990-05-15, 419900515",
    "1975-11-03, 319751103",
    "2019-05-01, 520190501",
    "1920-01-01, 219200101",
    "1900-01-01, 119000101",
  })
  void sanBirthDate_eraCodePlusGregorian(LocalDate dob, String expected) {
    assertThat(CardCodes.sanBirthDate(dob)).isEqualTo(expected);
  }

  @Test
  void dobKey_beforeJapaneseCalendar_throwsIllegalArgument() {
    assertThatThrownBy(() -> CardCodes.dobKey(LocalDate.of(1850, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void certificateExpiry_contractDefault_fifthBirthdayAfterIssue() {
    assertThat(CardCodes.certificateExpiry(LocalDate.of(1990, 5, 15), LocalDate.of(2024, 6, 1)))
        .isEqualTo(LocalDate.of(2029, 5, 15));
  }

  @Test
  void nthBirthdayAfter_issuedOnBirthday_doesNotCountThatDay() {
    assertThat(CardCodes.nthBirthdayAfter(LocalDate.of(1990, 6, 1), LocalDate.of(2024, 6, 1), 1))
        .isEqualTo(LocalDate.of(2025, 6, 1));
  }

  @Test
  void nthBirthdayAfter_leapDayBirthday_28FebruaryInCommonYears() {
    assertThat(CardCodes.nthBirthdayAfter(LocalDate.of(2000, 2, 29), LocalDate.of(2024, 6, 1), 5))
        .isEqualTo(LocalDate.of(2029, 2, 28));
    assertThat(CardCodes.nthBirthdayAfter(LocalDate.of(2000, 2, 29), LocalDate.of(2024, 6, 1), 4))
        .isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @Test
  void cardExpiry_adultTenthMinorFifthBirthday() {
    assertThat(CardCodes.cardExpiry(LocalDate.of(1990, 5, 15), LocalDate.of(2024, 6, 1)))
        .isEqualTo(LocalDate.of(2034, 5, 15));
    // Strict count: 2024-08-20 is the 1st birthday after 2024-06-01, so the 5th is 2028-08-20.
    assertThat(CardCodes.cardExpiry(LocalDate.of(2010, 8, 20), LocalDate.of(2024, 6, 1)))
        .isEqualTo(LocalDate.of(2028, 8, 20));
  }
}
