// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link AgeVerifier}: the age on a date (年齢計算ニ関スル法律: a year is completed at the
 * end of the day before the birthday), whether it meets a minimum, what was proven and what was not.
 * An age is present only when the status is VALID: nothing is reported from data that could not be
 * verified. Failures use the same {@link FailureCode}s as login and signature verification. Holds no
 * birth date. Immutable.
 */
public final class AgeResult {
  private final Status status;
  private final LocalDate on;
  private final @Nullable Integer age;
  private final @Nullable Integer minimumAge;
  private final boolean birthDateExact;
  private final List<String> proven;
  private final List<String> notProven;
  private final List<Failure> failures;

  AgeResult(
      LocalDate on,
      @Nullable Integer age,
      @Nullable Integer minimumAge,
      boolean birthDateExact,
      List<String> proven,
      List<String> notProven,
      List<Failure> failures) {
    this.status = Checks.status(failures);
    this.on = on;
    this.age = status == Status.VALID ? age : null;
    this.minimumAge = minimumAge;
    this.birthDateExact = birthDateExact;
    this.proven = List.copyOf(proven);
    this.notProven = List.copyOf(notProven);
    this.failures = List.copyOf(failures);
  }

  /**
   * Returns the verdict.
   *
   * @return VALID only if every check passed
   */
  public Status status() {
    return status;
  }

  /**
   * Tells whether every check passed.
   *
   * @return true if VALID
   */
  public boolean isValid() {
    return status == Status.VALID;
  }

  /**
   * Returns the date the age is computed for (the verifier's clock, Japanese calendar day).
   *
   * @return the date
   */
  public LocalDate on() {
    return on;
  }

  /**
   * Returns the age in completed years. With a partly unknown birth date it counts from the latest
   * possible date, so it is never over-stated ({@link #birthDateExact()} is then false).
   *
   * @return the age, empty unless VALID
   */
  public OptionalInt age() {
    return age == null ? OptionalInt.empty() : OptionalInt.of(age);
  }

  /**
   * Tells whether the age meets the minimum asked for: true only when VALID and the age is at least the
   * minimum.
   *
   * @return empty if no minimum was asked; false when not VALID
   */
  public Optional<Boolean> meetsMinimum() {
    if (minimumAge == null) {
      return Optional.empty();
    }
    return Optional.of(age != null && age >= minimumAge);
  }

  /**
   * Tells whether the full birth date was known (the signature certificate may carry a partly unknown
   * one).
   *
   * @return false if the age counts from the latest possible date
   */
  public boolean birthDateExact() {
    return birthDateExact;
  }

  /**
   * Returns what the checks proved (when VALID): how strongly the answer holds, e.g. a PIN-protected key
   * and a certificate chain for the signature-certificate pattern, issuer-signed card data and a live chip
   * for the others.
   *
   * @return sentences, empty unless VALID
   */
  public List<String> proven() {
    return isValid() ? proven : List.of();
  }

  /**
   * Returns what this pattern does not prove, even when VALID.
   *
   * @return sentences
   */
  public List<String> notProven() {
    return notProven;
  }

  /**
   * Returns the failures.
   *
   * @return empty when VALID
   */
  public List<Failure> failures() {
    return failures;
  }

  /**
   * Tells whether a failure with a code is present.
   *
   * @param code the code
   * @return true if present
   */
  public boolean hasFailure(FailureCode code) {
    return failures.stream().anyMatch(f -> f.code() == code);
  }

  /** Status, age and failures; failure messages carry no personal data. */
  @Override
  public String toString() {
    return "AgeResult[" + status + ", age=" + age + ", failures=" + failures + "]";
  }
}
