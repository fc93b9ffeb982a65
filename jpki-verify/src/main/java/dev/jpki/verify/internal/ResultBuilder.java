// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.card.KeyType;
import dev.jpki.verify.Caveat;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Accumulates the failures and findings of one verification; {@link #build()} makes the immutable
 * {@link VerificationResult}, which derives the status. It lives here, not in the API, so that only this
 * library's verifiers (and the jpki CLI, through the qualified export) can make a result: a public builder
 * would let anyone make a VALID one.
 */
public final class ResultBuilder {
  private static final Object INSTALL_LOCK = new Object();
  private static volatile @Nullable Function<ResultBuilder, VerificationResult> factory;

  static {
    // Initialise VerificationResult first: its static initialiser installs the one factory, so a later
    // install() (from anyone) fails.
    try {
      Class.forName(VerificationResult.class.getName(), true, ResultBuilder.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final List<Failure> failures = new ArrayList<>();
  private final List<X509Certificate> path = new ArrayList<>();
  private @Nullable KeyType certificateType;
  private @Nullable Instant signingTime;
  private final Instant verificationTime;
  private final Set<Caveat> caveats = EnumSet.noneOf(Caveat.class);

  private ResultBuilder(Instant verificationTime) {
    this.verificationTime = Objects.requireNonNull(verificationTime, "verificationTime");
  }

  /**
   * Called once by {@link VerificationResult}'s static initialiser (its constructor is private).
   *
   * @param resultFactory makes a result from a builder
   * @throws IllegalStateException if a factory is already installed
   */
  public static void install(Function<ResultBuilder, VerificationResult> resultFactory) {
    synchronized (INSTALL_LOCK) {
      if (factory != null) {
        throw new IllegalStateException("the result factory is installed once, by VerificationResult");
      }
      factory = resultFactory;
    }
  }

  /**
   * Starts a result.
   *
   * @param verificationTime the time the checks were made for (from the verifier's clock)
   * @return a new builder
   */
  public static ResultBuilder start(Instant verificationTime) {
    return new ResultBuilder(verificationTime);
  }

  /**
   * Adds a failure.
   *
   * @param failure the failure
   * @return this builder
   */
  public ResultBuilder add(Failure failure) {
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
  public ResultBuilder add(FailureCode code, String message) {
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
  public ResultBuilder add(FailureCode code, int certificateIndex, String message) {
    return add(Failure.of(code, certificateIndex, message));
  }

  /**
   * Copies failures and findings of another result into this one (e.g. a certificate validation into a
   * signature verification). Path, type and signing time are taken only if not yet set here.
   *
   * @param other the result to merge
   * @return this builder
   */
  public ResultBuilder merge(VerificationResult other) {
    failures.addAll(other.failures());
    caveats.addAll(other.caveats());
    if (path.isEmpty()) {
      path.addAll(other.path());
    }
    if (certificateType == null) {
      certificateType = other.certificateType().orElse(null);
    }
    if (signingTime == null) {
      signingTime = other.signingTime().orElse(null);
    }
    return this;
  }

  /**
   * Sets the certificate path (leaf first).
   *
   * @param certificates the path
   * @return this builder
   */
  public ResultBuilder path(List<X509Certificate> certificates) {
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
  public ResultBuilder certificateType(KeyType type) {
    this.certificateType = type;
    return this;
  }

  /**
   * Adds a caveat: something the result does not prove.
   *
   * @param caveat the caveat
   * @return this builder
   */
  public ResultBuilder caveat(Caveat caveat) {
    caveats.add(Objects.requireNonNull(caveat, "caveat"));
    return this;
  }

  /**
   * Sets the CMS signing time.
   *
   * @param time the signingTime attribute value
   * @return this builder
   */
  public ResultBuilder signingTime(Instant time) {
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
   * Returns the failures added so far.
   *
   * @return the live list (the result copies it)
   */
  public List<Failure> failures() {
    return failures;
  }

  /**
   * Returns the path set so far.
   *
   * @return the live list (the result copies it)
   */
  public List<X509Certificate> path() {
    return path;
  }

  /**
   * Returns the certificate type set so far.
   *
   * @return the type, or null
   */
  public @Nullable KeyType certificateType() {
    return certificateType;
  }

  /**
   * Returns the signing time set so far.
   *
   * @return the time, or null
   */
  public @Nullable Instant signingTime() {
    return signingTime;
  }

  /**
   * Returns the verification time.
   *
   * @return the instant the builder was started with
   */
  public Instant verificationTime() {
    return verificationTime;
  }

  /**
   * Returns the caveats added so far.
   *
   * @return the live set (the result copies it)
   */
  public Set<Caveat> caveats() {
    return caveats;
  }

  /**
   * Builds the immutable result.
   *
   * @return the result
   */
  public VerificationResult build() {
    Function<ResultBuilder, VerificationResult> f = factory;
    if (f == null) {
      throw new IllegalStateException("VerificationResult did not initialise");
    }
    return f.apply(this);
  }
}
