// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinTest {
  private static String sent(Pin pin) {
    byte[] b = pin.encodeForCard();
    return new String(b, StandardCharsets.US_ASCII);
  }

  @Nested
  class Formats {
    @ParameterizedTest
    @CsvSource({
      "AUTHENTICATION, 1234", "TEXT, 0000", "COMMON, 9876",
      "SIGNATURE, ABC123", "SIGNATURE, A1B2C3D4E5F6G7H8", "SIGNATURE, 1A2345",
      "VERIFICATION_A, 123456789018",
      "VERIFICATION_B, 02051520345678",
      "DATE_OF_BIRTH, 020515"
    })
    void of_wellFormed_accepted(PinType type, String value) {
      try (Pin pin = Pin.of(type, value.toCharArray())) {
        assertThat(pin.type()).isEqualTo(type);
        assertThat(sent(pin)).isEqualTo(value);
      }
    }

    @ParameterizedTest
    @CsvSource({
      "AUTHENTICATION, 123", "AUTHENTICATION, 12345", "AUTHENTICATION, 12a4", "AUTHENTICATION, '１２３４'",
      "TEXT, ''", "COMMON, 12 4",
      "SIGNATURE, ABC12", "SIGNATURE, ABCDEFGHIJKLMNOP1", "SIGNATURE, ABCDEF", "SIGNATURE, 123456",
      "SIGNATURE, ABC-123", "SIGNATURE, ÄBC123",
      "VERIFICATION_A, 123456789012", "VERIFICATION_A, 12345678901", "VERIFICATION_A, 12345678901X",
      "VERIFICATION_B, 0205152034567", "VERIFICATION_B, 02131520345678", "VERIFICATION_B, 02053220345678",
      "VERIFICATION_B, 19900515203456",
      "DATE_OF_BIRTH, 20515", "DATE_OF_BIRTH, 021315", "DATE_OF_BIRTH, 020500"
    })
    void of_malformed_throwsNamingTheRuleNotTheValue(PinType type, String value) {
      assertThatThrownBy(() -> Pin.of(type, value.toCharArray()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(type.label() + " must be " + type.formatRule())
          .message().doesNotContain(value.isEmpty() ? "\u0000" : value);
    }

    @Test
    void signaturePassword_lowerCase_isUpperCasedBeforeSending() {
      try (Pin pin = Pin.signaturePassword("abc123".toCharArray())) {
        assertThat(sent(pin)).isEqualTo("ABC123");
      }
    }

    @Test
    void of_callerArray_isCopiedAndLeftToTheCaller() {
      char[] mine = "1234".toCharArray();
      try (Pin pin = Pin.authentication(mine)) {
        mine[0] = '9';
        assertThat(sent(pin)).isEqualTo("1234");
      }
    }

    @Test
    void verificationCodeA_fromMyNumber_isTheNumber() {
      try (Pin pin = Pin.verificationCodeA(MyNumber.of("123456789018"))) {
        assertThat(pin.type()).isEqualTo(PinType.VERIFICATION_A);
        assertThat(sent(pin)).isEqualTo("123456789018");
      }
    }
  }

  @Nested
  class VerificationCodeB {
    @ParameterizedTest
    @CsvSource({
      // default persona (docs/cli.md): 平成2年5月15日, expiry 2034, code 5678
      "1990-05-15, 2034, 5678, 02051520345678",
      // minor persona: 平成22年8月20日, expiry 2028, code 1111
      "2010-08-20, 2028, 1111, 22082020281111",
      // test card of docs/card-protocol.md §4.3: 昭和55年2月17日, expiry 2035, code 2285
      "1980-02-17, 2035, 2285, 55021720352285",
      "2019-05-01, 2030, 0001, 01050120300001"
    })
    void verificationCodeB_fromCardFace_buildsEraDigits(String dob, int expiry, String code, String expected) {
      try (Pin pin = Pin.verificationCodeB(CardDate.parse(dob), expiry, code.toCharArray())) {
        assertThat(pin.type()).isEqualTo(PinType.VERIFICATION_B);
        assertThat(sent(pin)).isEqualTo(expected);
      }
    }

    @Test
    void verificationCodeB_badExpiryYear_throwsNamingTheRule() {
      assertThatThrownBy(() -> Pin.verificationCodeB(CardDate.of(1990, 5, 15), 34, "5678".toCharArray()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiry year must be 4 digits");
    }

    @Test
    void verificationCodeB_badSecurityCode_throwsNamingTheRule() {
      assertThatThrownBy(() -> Pin.verificationCodeB(CardDate.of(1990, 5, 15), 2034, "56a8".toCharArray()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("security code must be exactly 4 digits");
    }

    @Test
    void dateOfBirthKey_fromDate_isEraDigits() {
      try (Pin pin = Pin.dateOfBirthKey(CardDate.of(1990, 5, 15))) {
        assertThat(pin.type()).isEqualTo(PinType.DATE_OF_BIRTH);
        assertThat(sent(pin)).isEqualTo("020515");
      }
    }
  }

  @Nested
  class Secrecy {
    @Test
    void toString_neverShowsValueOrLength() {
      try (Pin pin = Pin.signaturePassword("SECRET99".toCharArray())) {
        assertThat(pin.toString()).isEqualTo("Pin[SIGNATURE, <redacted>]")
            .doesNotContain("SECRET99").doesNotContain("8");
      }
    }

    @Test
    void close_wipesAndRefusesFurtherUse() {
      Pin pin = Pin.authentication("1234".toCharArray());
      pin.close();
      assertThat(pin.isClosed()).isTrue();
      assertThatThrownBy(pin::encodeForCard).isInstanceOf(IllegalStateException.class)
          .hasMessageNotContaining("1234");
      pin.close(); // idempotent
    }
  }
}
