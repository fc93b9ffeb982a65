// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.card.KeyType;
import dev.jpki.verify.internal.ResultBuilder;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The immutable verdict of a verification: a {@link Status}, the machine-readable {@link Failure}s that
 * led to it, and what was established on the way (the certificate path, the certificate type, a CMS
 * signing time).
 *
 * <p>The status is derived from the failures: none means VALID; any failure whose code has severity
 * INVALID means INVALID; otherwise INDETERMINATE. {@link #toString()} shows codes and messages only,
 * never subject DNs or other personal data.
 */
public final class VerificationResult {
  private final Status status;
  private final List<Failure> failures;
  private final List<X509Certificate> path;
  private final @Nullable KeyType certificateType;
  private final @Nullable Instant signingTime;
  private final Instant verificationTime;
  private final Set<Caveat> caveats;

  private VerificationResult(ResultBuilder b) {
    this.caveats = b.caveats().isEmpty() ? Collections.emptySet()
        : Collections.unmodifiableSet(EnumSet.copyOf(b.caveats()));
    this.failures = Collections.unmodifiableList(new ArrayList<>(b.failures()));
    this.path = Collections.unmodifiableList(new ArrayList<>(b.path()));
    this.certificateType = b.certificateType();
    this.signingTime = b.signingTime();
    this.verificationTime = b.verificationTime();
    Status s = Status.VALID;
    for (Failure f : failures) {
      if (f.code().severity() == Status.INVALID) {
        s = Status.INVALID;
        break;
      }
      s = Status.INDETERMINATE;
    }
    this.status = s;
  }

  static {
    // Only this module may build results (a VALID result must come from a verifier): the constructor is
    // private and the one builder, in the internal package, reaches it through this factory.
    ResultBuilder.install(VerificationResult::new);
  }

  /**
   * Returns what this result does NOT prove although it may be VALID, e.g. {@link
   * Caveat#TEXT_DATA_NOT_BOUND_TO_CHIP} for the text AP.
   *
   * @return the caveats, usually none
   */
  public Set<Caveat> caveats() {
    return caveats;
  }

  /**
   * Returns the verdict.
   *
   * @return VALID, INVALID or INDETERMINATE
   */
  public Status status() {
    return status;
  }

  /**
   * Whether the verdict is VALID.
   *
   * @return true only for {@link Status#VALID}
   */
  public boolean isValid() {
    return status == Status.VALID;
  }

  /**
   * Returns this result if VALID, else throws.
   *
   * @return this result
   * @throws VerificationException if the status is INVALID or INDETERMINATE
   */
  public VerificationResult requireValid() throws VerificationException {
    if (status != Status.VALID) {
      throw new VerificationException(this);
    }
    return this;
  }

  /**
   * Returns the failures, in the order found.
   *
   * @return an unmodifiable list, empty for VALID
   */
  public List<Failure> failures() {
    return failures;
  }

  /**
   * Whether a failure with the given code is present.
   *
   * @param code the code to look for
   * @return true if any failure has that code
   */
  public boolean hasFailure(FailureCode code) {
    for (Failure f : failures) {
      if (f.code() == code) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the certificate path that was built: the leaf first, the trust anchor last.
   *
   * @return an unmodifiable list; empty if no certificate was involved or none could be read; may
   *     stop short of an anchor when the path could not be completed
   */
  public List<X509Certificate> path() {
    return path;
  }

  /**
   * Returns the certificate that was verified (the leaf, or the signer of a signature).
   *
   * @return the first certificate of the path, if any
   */
  public Optional<X509Certificate> certificate() {
    return path.isEmpty() ? Optional.empty() : Optional.of(path.get(0));
  }

  /**
   * Returns the JPKI certificate type recognised for the leaf.
   *
   * @return the type, empty when no certificate was read or the type could not be told
   */
  public Optional<KeyType> certificateType() {
    return Optional.ofNullable(certificateType);
  }

  /**
   * Returns the CMS signingTime attribute, if the verified structure had one. It is the signer's
   * claim, not a trusted timestamp; certificates are checked at {@link #verificationTime()}.
   *
   * @return the claimed signing time
   */
  public Optional<Instant> signingTime() {
    return Optional.ofNullable(signingTime);
  }

  /**
   * Returns the time the checks were made for.
   *
   * @return the instant from the verifier's clock
   */
  public Instant verificationTime() {
    return verificationTime;
  }

  @Override
  public String toString() {
    return "VerificationResult[" + status + (failures.isEmpty() ? "" : ", failures=" + failures)
        + (certificateType != null ? ", type=" + certificateType : "") + ", pathLength=" + path.size()
        + (caveats.isEmpty() ? "" : ", caveats=" + caveats) + "]";
  }
}
