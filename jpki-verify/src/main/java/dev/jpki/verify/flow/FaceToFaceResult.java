// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.verify.Status;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link FaceToFaceVerifier}: whether the card is genuine and live, its authentication
 * certificate valid, the card unexpired, and the card matched to a registration. "Matched" and the
 * account id are reported only when everything passed. Immutable; {@link #toString()} omits the account
 * id.
 */
public final class FaceToFaceResult {
  private final Status status;
  private final boolean genuine;
  private final boolean live;
  private final boolean certificateValid;
  private final @Nullable Registration registration;
  private final List<FlowFailure> failures;

  FaceToFaceResult(boolean genuine, boolean live, boolean certificateValid, @Nullable Registration registration,
      List<FlowFailure> failures) {
    this.status = Checks.status(failures);
    this.genuine = genuine;
    this.live = live;
    this.certificateValid = certificateValid;
    this.registration = status == Status.VALID ? registration : null;
    this.failures = List.copyOf(failures);
  }

  /**
   * Returns the verdict.
   *
   * @return VALID only if every check passed and the card matched its registration
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
   * Tells whether the card data verified under the issuer key (card-face or age record signature).
   *
   * @return true if genuine
   */
  public boolean genuine() {
    return genuine;
  }

  /**
   * Tells whether the card key signed this verifier's fresh challenge.
   *
   * @return true if live
   */
  public boolean live() {
    return live;
  }

  /**
   * Tells whether the authentication certificate chained, was within its validity and not revoked.
   *
   * @return true if valid
   */
  public boolean certificateValid() {
    return certificateValid;
  }

  /**
   * Tells whether the card matched a registration (only when VALID).
   *
   * @return true if matched
   */
  public boolean matched() {
    return registration != null;
  }

  /**
   * Returns the registration matched.
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
    return "FaceToFaceResult[" + status + ", genuine=" + genuine + ", live=" + live + ", certificateValid="
        + certificateValid + ", matched=" + matched() + ", failures=" + failures + "]";
  }
}
