// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a login: the verification verdict and, when VALID, a stable subject identifier (see
 * {@link LoginVerifier#subjectId}) and the session the challenge was issued to.
 */
public final class LoginResult {
  private final VerificationResult verification;
  private final @Nullable String subjectId;
  private final @Nullable String session;
  private final @Nullable String challengeSession;

  LoginResult(VerificationResult verification, @Nullable String subjectId, @Nullable String session) {
    this.verification = Objects.requireNonNull(verification, "verification");
    this.subjectId = verification.isValid() ? subjectId : null;
    this.session = verification.isValid() ? session : null;
    this.challengeSession = session;
  }

  /**
   * Returns the verdict on challenge, signature, certificate and revocation.
   *
   * @return the verification result
   */
  public VerificationResult verification() {
    return verification;
  }

  /**
   * Whether the login succeeded.
   *
   * @return true when the verification is VALID
   */
  public boolean isValid() {
    return verification.isValid();
  }

  /**
   * Returns the subject identifier of a successful login.
   *
   * @return the identifier, present only when VALID
   */
  public Optional<String> subjectId() {
    return Optional.ofNullable(subjectId);
  }

  /**
   * Returns the session the challenge of a successful login was issued to ({@link Challenge#session()}):
   * the session to log in, which need not be the one that posted the signature (the holder may sign on
   * another device).
   *
   * @return the session, present only when VALID
   */
  public Optional<String> session() {
    return Optional.ofNullable(session);
  }

  /**
   * Returns the session the challenge was issued to whenever the challenge was outstanding, also when the
   * login was then refused (expired, bad signature, revoked, ...): lets a waiting page show why. Never log anyone
   * in from this; that is {@link #session()}.
   *
   * @return the session, empty when the challenge was unknown or the store unavailable
   */
  public Optional<String> challengeSession() {
    return Optional.ofNullable(challengeSession);
  }

  @Override
  public String toString() {
    return "LoginResult[" + verification.status() + (subjectId != null ? ", subjectId present" : "") + "]";
  }
}
