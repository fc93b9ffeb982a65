// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link FaceToFaceVerifier}, for a registration (first visit) and for a later visit:
 * whether the card is genuine and live, its authentication certificate valid, the card unexpired, and
 * the registration stored or matched. The registration, and so the account id, is reported only when
 * everything passed. Failures use the same {@link FailureCode}s as login and signature verification.
 * Immutable; {@link #toString()} omits the account id.
 */
public final class FaceToFaceResult {
  private final Status status;
  private final boolean genuine;
  private final boolean live;
  private final boolean certificateValid;
  private final @Nullable Registration registration;
  private final List<Failure> failures;

  FaceToFaceResult(boolean genuine, boolean live, boolean certificateValid, @Nullable Registration registration,
      List<Failure> failures) {
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
   * @return VALID only if every check passed and the registration was stored or matched
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
   * Returns the registration stored ({@link FaceToFaceVerifier#register}) or matched ({@link
   * FaceToFaceVerifier#verify}).
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

  @Override
  public String toString() {
    return "FaceToFaceResult[" + status + ", genuine=" + genuine + ", live=" + live + ", certificateValid="
        + certificateValid + ", registration=" + (registration != null) + ", failures=" + failures + "]";
  }
}
