// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

/**
 * The kinds of holder credential the card knows (docs/card-protocol.md §4.1). A kind fixes the format; which key
 * reference it is verified against depends on the application (e.g. 照合番号A is key {@code 0014} in the
 * text AP and {@code 0013} in the visual AP).
 */
public enum PinType {
  /** 利用者証明用電子証明書 暗証番号: 4 digits, JPKI key {@code 0018}, 3 tries. */
  AUTHENTICATION("user-authentication PIN", "exactly 4 digits"),
  /**
   * 署名用電子証明書 暗証番号: 6 to 16 of A-Z and 0-9 with at least one letter and one digit (lower case is
   * upper-cased before sending, docs/card-protocol.md §4.1); JPKI key {@code 001B}, 5 tries.
   */
  SIGNATURE("signature password",
      "6 to 16 characters of A-Z and 0-9 with at least one letter and one digit"),
  /** 券面事項入力補助用 暗証番号: 4 digits, text AP key {@code 0011}, 3 tries. */
  TEXT("text-AP PIN", "exactly 4 digits"),
  /** 照合番号A: the 12-digit My Number with a valid check digit; text {@code 0014}, visual {@code 0013}. */
  VERIFICATION_A("verification code A", "a 12-digit My Number with a valid check digit"),
  /**
   * 照合番号B: birth date {@code YYMMDD} in the era printed on the card, expiry year {@code YYYY}, 4-digit
   * security code (14 digits); text {@code 0015}, visual {@code 0012}.
   */
  VERIFICATION_B("verification code B",
      "14 digits: era birth date YYMMDD, expiry year YYYY, 4-digit security code"),
  /** 生年月日読出用暗証番号: birth date {@code YYMMDD} in the era, visual AP key {@code 0011}. */
  DATE_OF_BIRTH("date-of-birth key", "6 digits: era birth date YYMMDD"),
  /** 住民基本台帳用 暗証番号: 4 digits, key {@code 001C} of both the common AP and the juki AP, 3 tries. */
  COMMON("common/juki PIN", "exactly 4 digits");

  private final String label;
  private final String rule;

  PinType(String label, String rule) {
    this.label = label;
    this.rule = rule;
  }

  /**
   * An English name for messages and prompts.
   *
   * @return e.g. {@code "signature password"}
   */
  public String label() {
    return label;
  }

  /**
   * The format rule, as used in the {@link IllegalArgumentException} a malformed value gets.
   *
   * @return e.g. {@code "exactly 4 digits"}
   */
  public String formatRule() {
    return rule;
  }
}
