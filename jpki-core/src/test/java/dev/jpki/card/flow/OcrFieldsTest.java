// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.CardDate;
import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OcrFieldsTest {

  @ParameterizedTest
  @CsvSource({
    "平成2年5月15日, 1990-05-15",
    "平成２年５月１５日, 1990-05-15",
    "平成 2年 5月 15日, 1990-05-15",
    "平成元年1月8日, 1989-01-08",
    "昭和64年1月7日, 1989-01-07",
    "令和元年5月1日, 2019-05-01",
    "平成31年4月30日, 2019-04-30",
    "昭和50年11月3日, 1975-11-03",
    "大正15年12月24日, 1926-12-24",
    "1990年5月15日, 1990-05-15",
    "1990-05-15, 1990-05-15",
    "1990/5/15, 1990-05-15",
    "19900515, 1990-05-15",
    "平成12年2月29日, 2000-02-29"
  })
  void parsesPrintedAndGregorianBirthDates(String text, String iso) throws Exception {
    assertThat(OcrFields.parseBirthDate(text)).isEqualTo(CardDate.parse(iso));
  }

  @ParameterizedTest
  @CsvSource({
    "平成31年5月1日", // Reiwa had begun
    "平成元年1月7日", // still Showa
    "昭和64年1月8日",
    "令和0年5月1日",
    "平成2年2月30日",
    "平成2年13月1日",
    "平成11年2月29日", // 1999 is no leap year
    "2001-02-29",
    "1990-5",
    "H2.5.15",
    "明治5年1月1日" // before 1873
  })
  void refusesImpossibleBirthDates(String text) {
    assertThatThrownBy(() -> OcrFields.parseBirthDate(text))
        .isInstanceOfSatisfying(OcrFieldException.class, e -> assertThat(e.field()).isEqualTo(OcrFieldException.Field.BIRTH_DATE))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(text));
  }

  @Test
  void buildsVerificationCodeBFromValidFields() throws Exception {
    OcrFields f = OcrFields.of("平成2年5月15日", "2034", "5678".toCharArray());
    try (Pin b = f.verificationCodeB()) {
      assertThat(b.type()).isEqualTo(PinType.VERIFICATION_B);
    }
    assertThat(f.birthDate()).isEqualTo(CardDate.of(1990, 5, 15));
    assertThat(f.expiryYear()).isEqualTo(2034);
    assertThat(f.toString()).doesNotContain("5678").doesNotContain("1990");
    f.clear();
  }

  @Test
  void refusesWrongExpiryYearsAndSecurityCodes() {
    assertThatThrownBy(() -> OcrFields.of("1990-05-15", "34", "5678".toCharArray()))
        .isInstanceOfSatisfying(OcrFieldException.class, e -> assertThat(e.field()).isEqualTo(OcrFieldException.Field.EXPIRY_YEAR));
    assertThatThrownBy(() -> OcrFields.of("1990-05-15", "1999", "5678".toCharArray()))
        .isInstanceOfSatisfying(OcrFieldException.class, e -> assertThat(e.field()).isEqualTo(OcrFieldException.Field.EXPIRY_YEAR));
    assertThatThrownBy(() -> OcrFields.of("2020-05-15", "2019", "5678".toCharArray()))
        .isInstanceOf(OcrFieldException.class);
    assertThatThrownBy(() -> OcrFields.of("1990-05-15", "2034", "567".toCharArray()))
        .isInstanceOfSatisfying(OcrFieldException.class, e -> assertThat(e.field()).isEqualTo(OcrFieldException.Field.SECURITY_CODE));
    assertThatThrownBy(() -> OcrFields.of("1990-05-15", "2034", "56a8".toCharArray()))
        .isInstanceOfSatisfying(OcrFieldException.class, e -> assertThat(e.field()).isEqualTo(OcrFieldException.Field.SECURITY_CODE));
    assertThatThrownBy(() -> OcrFields.of("1990-05-15", "2034", "56789".toCharArray()))
        .isInstanceOf(OcrFieldException.class);
  }
}
