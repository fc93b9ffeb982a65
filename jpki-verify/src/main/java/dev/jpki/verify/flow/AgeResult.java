// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.verify.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link AgeVerifier}: the age on a date (年齢計算ニ関スル法律: a year is completed at the
 * end of the day before the birthday), whether it meets a minimum, how it was proven and what was not.
 * An age is present only when the status is VALID: nothing is reported from data that could not be
 * verified. Holds no birth date. Immutable.
 */
public final class AgeResult {
  private final Status status;
  private final EvidenceKind pattern;
  private final LocalDate on;
  private final @Nullable Integer age;
  private final @Nullable Integer minimumAge;
  private final boolean birthDateExact;
  private final Assurance assurance;
  private final List<String> proven;
  private final List<String> notProven;
  private final List<FlowFailure> failures;

  AgeResult(
      EvidenceKind pattern,
      LocalDate on,
      @Nullable Integer age,
      @Nullable Integer minimumAge,
      boolean birthDateExact,
      Assurance assurance,
      List<String> proven,
      List<String> notProven,
      List<FlowFailure> failures) {
    this.status = Checks.status(failures);
    this.pattern = pattern;
    this.on = on;
    this.age = status == Status.VALID ? age : null;
    this.minimumAge = minimumAge;
    this.birthDateExact = birthDateExact;
    this.assurance = status == Status.VALID ? assurance : Assurance.NONE;
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
   * Returns the pattern the evidence was collected with.
   *
   * @return the pattern
   */
  public EvidenceKind pattern() {
    return pattern;
  }

  /**
   * Returns the date the age is computed for (the verifier's clock, Japanese calendar day by default).
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
   * Returns the minimum age asked for.
   *
   * @return the minimum, empty if none was asked
   */
  public OptionalInt minimumAge() {
    return minimumAge == null ? OptionalInt.empty() : OptionalInt.of(minimumAge);
  }

  /**
   * Tells whether the age meets the minimum: true only when VALID and the age is at least the minimum.
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
   * Returns how strongly the answer is proven.
   *
   * @return {@link Assurance#NONE} unless VALID
   */
  public Assurance assurance() {
    return assurance;
  }

  /**
   * Returns what the checks proved (when VALID).
   *
   * @return sentences, possibly empty
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
  public List<FlowFailure> failures() {
    return failures;
  }

  /**
   * Tells whether a failure with a reason is present.
   *
   * @param reason the reason
   * @return true if present
   */
  public boolean hasFailure(FlowReason reason) {
    return failures.stream().anyMatch(f -> f.reason() == reason);
  }

  @Override
  public String toString() {
    return "AgeResult[" + status + ", " + pattern + ", age=" + age + ", assurance=" + assurance + ", failures="
        + failures + "]";
  }
}
