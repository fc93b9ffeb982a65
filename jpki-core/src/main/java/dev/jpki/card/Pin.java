// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import java.util.Arrays;

/**
 * A holder credential (PIN, password, 照合番号, date-of-birth key) of one {@link PinType}, validated when
 * created so that a malformed value never reaches the card and never costs a try.
 *
 * <p>The value is copied into a private array when created (the caller wipes its own {@code char[]}),
 * sent as ASCII (docs/card-protocol.md §4.1), and wiped by {@link #close()}; a closed {@code Pin} cannot be used. Not a
 * record: a generated accessor, {@code equals} or {@code toString} would expose the value.
 *
 * <p>Security: the value and its length never appear in {@link #toString()}, logs or exception messages.
 * Format errors are {@link IllegalArgumentException}s that name the rule, never the value.
 */
public final class Pin implements AutoCloseable {
  private final PinType type;
  private final byte[] ascii;
  private boolean closed;

  private Pin(PinType type, byte[] ascii) {
    this.type = type;
    this.ascii = ascii;
  }

  /**
   * Validates and copies a credential of the given type.
   *
   * <p>The signature password is upper-cased (the card compares bytes and holders type lower case,
   * docs/card-protocol.md §4.1, §15). 照合番号A must be a My Number with a valid check digit.
   *
   * @param type what kind of credential
   * @param value the characters; copied, so the caller should wipe its array afterwards
   * @return the credential
   * @throws IllegalArgumentException if the value breaks the format rule of {@code type} (the message
   *     names the rule, not the value or its length)
   */
  public static Pin of(PinType type, char[] value) {
    char[] v = value.clone();
    try {
      if (type == PinType.SIGNATURE) {
        for (int i = 0; i < v.length; i++) {
          if (v[i] >= 'a' && v[i] <= 'z') {
            v[i] = (char) (v[i] - 'a' + 'A');
          }
        }
      }
      if (!isWellFormed(type, v)) {
        throw new IllegalArgumentException(type.label() + " must be " + type.formatRule());
      }
      byte[] ascii = new byte[v.length];
      for (int i = 0; i < v.length; i++) {
        ascii[i] = (byte) v[i];
      }
      return new Pin(type, ascii);
    } finally {
      Arrays.fill(v, '\0');
    }
  }

  /**
   * The user-authentication PIN (4 digits).
   *
   * @param pin the digits (copied)
   * @return the credential
   * @throws IllegalArgumentException if not exactly 4 digits
   */
  public static Pin authentication(char[] pin) {
    return of(PinType.AUTHENTICATION, pin);
  }

  /**
   * The signature password (6 to 16 of A-Z and 0-9 with a letter and a digit; lower case accepted and
   * upper-cased).
   *
   * @param password the characters (copied)
   * @return the credential
   * @throws IllegalArgumentException if the format rule is broken
   */
  public static Pin signaturePassword(char[] password) {
    return of(PinType.SIGNATURE, password);
  }

  /**
   * The text-AP PIN (4 digits).
   *
   * @param pin the digits (copied)
   * @return the credential
   * @throws IllegalArgumentException if not exactly 4 digits
   */
  public static Pin text(char[] pin) {
    return of(PinType.TEXT, pin);
  }

  /**
   * The common/juki PIN (4 digits).
   *
   * @param pin the digits (copied)
   * @return the credential
   * @throws IllegalArgumentException if not exactly 4 digits
   */
  public static Pin common(char[] pin) {
    return of(PinType.COMMON, pin);
  }

  /**
   * 照合番号A: the holder's My Number.
   *
   * @param myNumber 12 digits (copied)
   * @return the credential
   * @throws IllegalArgumentException if not 12 digits with a valid check digit
   */
  public static Pin verificationCodeA(char[] myNumber) {
    return of(PinType.VERIFICATION_A, myNumber);
  }

  /**
   * 照合番号A from a validated My Number.
   *
   * @param myNumber the number
   * @return the credential
   */
  public static Pin verificationCodeA(MyNumber myNumber) {
    char[] c = myNumber.digits().toCharArray();
    try {
      return of(PinType.VERIFICATION_A, c);
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  /**
   * 照合番号B as the 14 digits the holder reads off the card.
   *
   * @param digits era birth date {@code YYMMDD}, expiry year {@code YYYY}, security code (copied)
   * @return the credential
   * @throws IllegalArgumentException if not 14 digits with a plausible month and day
   */
  public static Pin verificationCodeB(char[] digits) {
    return of(PinType.VERIFICATION_B, digits);
  }

  /**
   * 照合番号B built from the card face (docs/card-protocol.md §4.1, §4.3): the birth date in the Japanese era as printed
   * ({@code YYMMDD}, see {@link CardDate#toEraCompactString()}), the Gregorian expiry year, and the
   * 4-digit security code. E.g. 1990-05-15, 2034, {@code 5678} → {@code 02051520345678}.
   *
   * @param birthDate the holder's birth date
   * @param expiryYear the card's expiry year, 4 digits
   * @param securityCode the 4-digit security code printed on the card (copied)
   * @return the credential
   * @throws IllegalArgumentException if the expiry year is not 4 digits, the code not 4 digits, or the
   *     birth date outside the supported eras
   */
  public static Pin verificationCodeB(CardDate birthDate, int expiryYear, char[] securityCode) {
    if (expiryYear < 1000 || expiryYear > 9999) {
      throw new IllegalArgumentException("expiry year must be 4 digits (Gregorian YYYY)");
    }
    if (securityCode.length != 4 || !allDigits(securityCode)) {
      throw new IllegalArgumentException("security code must be exactly 4 digits");
    }
    char[] all = new char[14];
    try {
      birthDate.toEraCompactString().getChars(0, 6, all, 0);
      Integer.toString(expiryYear).getChars(0, 4, all, 6);
      System.arraycopy(securityCode, 0, all, 10, 4);
      return of(PinType.VERIFICATION_B, all);
    } finally {
      Arrays.fill(all, '\0');
    }
  }

  /**
   * The date-of-birth key as 6 digits, era {@code YYMMDD} as printed.
   *
   * @param digits the digits (copied)
   * @return the credential
   * @throws IllegalArgumentException if not 6 digits with a plausible month and day
   */
  public static Pin dateOfBirthKey(char[] digits) {
    return of(PinType.DATE_OF_BIRTH, digits);
  }

  /**
   * The date-of-birth key from a birth date, in the Japanese era ({@link CardDate#toEraCompactString()}).
   *
   * @param birthDate the holder's birth date
   * @return the credential
   * @throws IllegalArgumentException if the date is outside the supported eras
   */
  public static Pin dateOfBirthKey(CardDate birthDate) {
    char[] c = birthDate.toEraCompactString().toCharArray();
    try {
      return of(PinType.DATE_OF_BIRTH, c);
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  private static boolean isWellFormed(PinType type, char[] v) {
    return switch (type) {
      case AUTHENTICATION, TEXT, COMMON -> v.length == 4 && allDigits(v);
      case SIGNATURE -> isSignaturePassword(v);
      case VERIFICATION_A -> MyNumber.isValid(v);
      case VERIFICATION_B -> v.length == 14 && allDigits(v) && plausibleMonthDay(v, 2);
      case DATE_OF_BIRTH -> v.length == 6 && allDigits(v) && plausibleMonthDay(v, 2);
    };
  }

  private static boolean isSignaturePassword(char[] v) {
    if (v.length < 6 || v.length > 16) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (char c : v) {
      if (c >= 'A' && c <= 'Z') {
        letter = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        return false;
      }
    }
    return letter && digit;
  }

  private static boolean allDigits(char[] v) {
    for (char c : v) {
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** MM at {@code at}, DD at {@code at + 2}: an era YYMMDD can only have months 01-12, days 01-31. */
  private static boolean plausibleMonthDay(char[] v, int at) {
    int mm = (v[at] - '0') * 10 + (v[at + 1] - '0');
    int dd = (v[at + 2] - '0') * 10 + (v[at + 3] - '0');
    return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
  }

  /**
   * What kind of credential this is.
   *
   * @return the type
   */
  public PinType type() {
    return type;
  }

  /**
   * The ASCII bytes to send in VERIFY; the caller must wipe the returned copy after use. Only the card
   * package sees the value.
   *
   * @return a copy of the value as ASCII
   * @throws IllegalStateException if closed
   */
  byte[] encodeForCard() {
    checkOpen();
    return ascii.clone();
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException(type.label() + " was closed (its value is wiped)");
    }
  }

  /**
   * Whether {@link #close()} wiped the value.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /** Wipes the value. Idempotent. */
  @Override
  public void close() {
    Arrays.fill(ascii, (byte) 0);
    closed = true;
  }

  /** @return {@code Pin[TYPE, <redacted>]}: never the value, not even its length */
  @Override
  public String toString() {
    return "Pin[" + type + ", <redacted>]";
  }
}
