// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.card.KeyType;
import dev.jpki.verify.internal.Results;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
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

  private VerificationResult(Builder b) {
    this.caveats = b.caveats.isEmpty() ? Collections.emptySet()
        : Collections.unmodifiableSet(EnumSet.copyOf(b.caveats));
    this.failures = Collections.unmodifiableList(new ArrayList<>(b.failures));
    this.path = Collections.unmodifiableList(new ArrayList<>(b.path));
    this.certificateType = b.certificateType;
    this.signingTime = b.signingTime;
    this.verificationTime = b.verificationTime;
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
    // Only this module may build results (a VALID result must come from a verifier): the builder is
    // package-private, and verify's other packages reach it through this internal access point.
    Results.install(Builder::new);
  }

  /**
   * Starts a result; used by the verifiers of this library.
   *
   * @param verificationTime the time the checks were made for (from the injected clock)
   * @return a builder
   */
  static Builder builder(Instant verificationTime) {
    return new Builder(verificationTime);
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

  /**
   * Accumulates failures and findings; {@link #build()} derives the status. Only the verifiers of this
   * library can obtain one.
   */
  public static final class Builder {
    private final List<Failure> failures = new ArrayList<>();
    private final List<X509Certificate> path = new ArrayList<>();
    private @Nullable KeyType certificateType;
    private @Nullable Instant signingTime;
    private final Instant verificationTime;
    private final Set<Caveat> caveats = EnumSet.noneOf(Caveat.class);

    private Builder(Instant verificationTime) {
      this.verificationTime = Objects.requireNonNull(verificationTime, "verificationTime");
    }

    /**
     * Adds a failure.
     *
     * @param failure the failure
     * @return this builder
     */
    public Builder add(Failure failure) {
      failures.add(Objects.requireNonNull(failure, "failure"));
      return this;
    }

    /**
     * Adds a failure about no particular certificate.
     *
     * @param code the code
     * @param message a message without personal data
     * @return this builder
     */
    public Builder add(FailureCode code, String message) {
      return add(Failure.of(code, message));
    }

    /**
     * Adds a failure about a certificate of the path.
     *
     * @param code the code
     * @param certificateIndex index in the path
     * @param message a message without personal data
     * @return this builder
     */
    public Builder add(FailureCode code, int certificateIndex, String message) {
      return add(Failure.of(code, certificateIndex, message));
    }

    /**
     * Copies failures and findings of another result into this one (e.g. a certificate validation into
     * a signature verification). Path, type and signing time are taken only if not yet set here.
     *
     * @param other the result to merge
     * @return this builder
     */
    public Builder merge(VerificationResult other) {
      failures.addAll(other.failures);
      caveats.addAll(other.caveats);
      if (path.isEmpty()) {
        path.addAll(other.path);
      }
      if (certificateType == null) {
        certificateType = other.certificateType;
      }
      if (signingTime == null) {
        signingTime = other.signingTime;
      }
      return this;
    }

    /**
     * Sets the certificate path (leaf first).
     *
     * @param certificates the path
     * @return this builder
     */
    public Builder path(List<X509Certificate> certificates) {
      path.clear();
      path.addAll(certificates);
      return this;
    }

    /**
     * Sets the recognised certificate type.
     *
     * @param type the type
     * @return this builder
     */
    public Builder certificateType(KeyType type) {
      this.certificateType = type;
      return this;
    }

    /**
     * Adds a caveat: something the result does not prove.
     *
     * @param caveat the caveat
     * @return this builder
     */
    public Builder caveat(Caveat caveat) {
      caveats.add(Objects.requireNonNull(caveat, "caveat"));
      return this;
    }

    /**
     * Sets the CMS signing time.
     *
     * @param time the signingTime attribute value
     * @return this builder
     */
    public Builder signingTime(Instant time) {
      this.signingTime = time;
      return this;
    }

    /**
     * Whether any failure was added so far.
     *
     * @return true if not (yet) VALID
     */
    public boolean hasFailures() {
      return !failures.isEmpty();
    }

    /**
     * Whether any failure with severity INVALID was added so far.
     *
     * @return true if the result will be INVALID
     */
    public boolean hasInvalid() {
      for (Failure f : failures) {
        if (f.code().severity() == Status.INVALID) {
          return true;
        }
      }
      return false;
    }

    /**
     * Builds the immutable result.
     *
     * @return the result
     */
    public VerificationResult build() {
      return new VerificationResult(this);
    }
  }
}
