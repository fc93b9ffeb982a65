// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MyNumberTest {
  @Test
  void of_defaultPersonaNumber_isValid() {
    // 1..11 weighted 6,5,4,3,2,7,6,5,4,3,2 from the left: sum 212, 212 mod 11 = 3, check 11 - 3 = 8.
    assertThat(MyNumber.checkDigit("12345678901")).isEqualTo(8);
    assertThat(MyNumber.of("123456789018").digits()).isEqualTo("123456789018");
  }

  @ParameterizedTest
  @ValueSource(strings = {"123456789010", "123456789019", "12345678901", "1234567890180", "12345678901a", ""})
  void of_wrongCheckDigitOrShape_throwsWithoutTheValue(String s) {
    assertThatThrownBy(() -> MyNumber.of(s)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a My Number must be 12 digits with a valid check digit");
  }

  @Test
  void checkDigit_remainderZeroOrOne_isZero() {
    // 00000000001: P(1)=1, Q(1)=2 → 2 mod 11 = 2 → 9; 00000000000 → remainder 0 → 0.
    assertThat(MyNumber.checkDigit("00000000000")).isZero();
    assertThat(MyNumber.checkDigit("00000000001")).isEqualTo(9);
    // 10000000000: P(11)=1, Q(11)=6 → 6 → 5; 00000100000: P(6)=1, Q(6)=7 → 7 → 4
    assertThat(MyNumber.checkDigit("10000000000")).isEqualTo(5);
    assertThat(MyNumber.checkDigit("00000100000")).isEqualTo(4);
    // 00000000006: P(1)=6, Q(1)=2 → 12 mod 11 = 1 → remainder ≤ 1 gives 0, not 10.
    assertThat(MyNumber.checkDigit("00000000006")).isZero();
  }

  @Property
  void checkDigit_appended_isAlwaysValid_andAnyOtherDigitIsNot(
      @ForAll @NumericChars @StringLength(11) String first11) {
    int check = MyNumber.checkDigit(first11);
    assertThat(MyNumber.isValid(first11 + check)).isTrue();
    for (int d = 0; d <= 9; d++) {
      if (d != check) {
        assertThat(MyNumber.isValid(first11 + d)).isFalse();
      }
    }
  }

  @Test
  void toString_neverShowsDigits() {
    MyNumber n = MyNumber.of("123456789018");
    assertThat(n.toString()).isEqualTo("MyNumber[<redacted>]").doesNotContainPattern("[0-9]");
    assertThat(n.masked()).isEqualTo("********9018");
  }

  @Test
  void equals_sameDigits_equal() {
    assertThat(MyNumber.of("123456789018")).isEqualTo(MyNumber.of("123456789018"))
        .hasSameHashCodeAs(MyNumber.of("123456789018"));
  }
}
