package dev.jpki.verify;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a login: the verification verdict and, when VALID, a stable subject identifier (see
 * {@link LoginVerifier#subjectId}).
 */
public final class LoginResult {
  private final VerificationResult verification;
  private final @Nullable String subjectId;

  LoginResult(VerificationResult verification, @Nullable String subjectId) {
    this.verification = Objects.requireNonNull(verification, "verification");
    this.subjectId = verification.isValid() ? subjectId : null;
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

  @Override
  public String toString() {
    return "LoginResult[" + verification.status() + (subjectId != null ? ", subjectId present" : "") + "]";
  }
}
