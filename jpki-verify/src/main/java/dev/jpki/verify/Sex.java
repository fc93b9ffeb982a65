package dev.jpki.verify;

import java.util.Optional;

/**
 * Sex as coded in the JPKI signature certificate's subjectAltName (spec §9.3: {@code 1} male, {@code 2}
 * female, {@code 3} other/unknown). The text AP codes it differently (spec §6.3).
 */
public enum Sex {
  /** Code 1. */
  MALE(1),
  /** Code 2. */
  FEMALE(2),
  /** Code 3: not known or other. */
  OTHER(3);

  private final int code;

  Sex(int code) {
    this.code = code;
  }

  /**
   * Returns the certificate code.
   *
   * @return 1, 2 or 3
   */
  public int code() {
    return code;
  }

  /**
   * Finds a value by certificate code.
   *
   * @param code the digit
   * @return the value, or empty for codes other than 1–3
   */
  public static Optional<Sex> ofCode(int code) {
    for (Sex s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
