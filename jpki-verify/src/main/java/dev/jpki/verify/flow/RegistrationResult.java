// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.verify.Status;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link FaceToFaceVerifier#register}: VALID with the stored registration, or the
 * failures (nothing stored). Immutable; {@link #toString()} omits the account id.
 */
public final class RegistrationResult {
  private final Status status;
  private final @Nullable Registration registration;
  private final List<FlowFailure> failures;

  RegistrationResult(@Nullable Registration registration, List<FlowFailure> failures) {
    this.status = Checks.status(failures);
    this.registration = status == Status.VALID ? registration : null;
    this.failures = List.copyOf(failures);
  }

  /**
   * Returns the verdict.
   *
   * @return VALID if the registration was stored
   */
  public Status status() {
    return status;
  }

  /**
   * Tells whether the registration was stored.
   *
   * @return true if VALID
   */
  public boolean isValid() {
    return status == Status.VALID;
  }

  /**
   * Returns the stored registration.
   *
   * @return the registration, empty unless VALID
   */
  public Optional<Registration> registration() {
    return Optional.ofNullable(registration);
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
    return "RegistrationResult[" + status + ", failures=" + failures + "]";
  }
}
