// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.verify.revocation.RevocationReason;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reason a verification did not succeed: a {@link FailureCode}, the index of the certificate it
 * concerns in {@link VerificationResult#path()} (0 = leaf; -1 when not about a certificate), a message
 * for people, and for {@link FailureCode#REVOKED} the revocation reason.
 *
 * <p>Messages never contain subject DNs or other personal data.
 */
public final class Failure {
  private final FailureCode code;
  private final int certificateIndex;
  private final String message;
  private final @Nullable RevocationReason revocationReason;

  private Failure(FailureCode code, int certificateIndex, String message,
      @Nullable RevocationReason revocationReason) {
    this.code = Objects.requireNonNull(code, "code");
    this.certificateIndex = certificateIndex;
    this.message = Objects.requireNonNull(message, "message");
    this.revocationReason = revocationReason;
  }

  /**
   * Creates a failure that concerns no particular certificate.
   *
   * @param code the reason code
   * @param message a message without personal data
   * @return the failure
   */
  public static Failure of(FailureCode code, String message) {
    return new Failure(code, -1, message, null);
  }

  /**
   * Creates a failure about the certificate at {@code certificateIndex} of the path.
   *
   * @param code the reason code
   * @param certificateIndex 0 for the leaf, counting towards the trust anchor
   * @param message a message without personal data
   * @return the failure
   */
  public static Failure of(FailureCode code, int certificateIndex, String message) {
    return new Failure(code, certificateIndex, message, null);
  }

  /**
   * Creates a {@link FailureCode#REVOKED} failure.
   *
   * @param certificateIndex index of the revoked certificate in the path
   * @param reason the revocation reason
   * @param message a message without personal data
   * @return the failure
   */
  public static Failure revoked(int certificateIndex, RevocationReason reason, String message) {
    return new Failure(FailureCode.REVOKED, certificateIndex, message, reason);
  }

  /**
   * Returns the reason code.
   *
   * @return the code
   */
  public FailureCode code() {
    return code;
  }

  /**
   * Returns the index of the certificate concerned.
   *
   * @return 0 for the leaf, higher towards the anchor, -1 when not about a certificate
   */
  public int certificateIndex() {
    return certificateIndex;
  }

  /**
   * Returns the message for people.
   *
   * @return a message without personal data
   */
  public String message() {
    return message;
  }

  /**
   * Returns the revocation reason of a {@link FailureCode#REVOKED} failure.
   *
   * @return the reason, empty for other codes
   */
  public Optional<RevocationReason> revocationReason() {
    return Optional.ofNullable(revocationReason);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Failure f)) {
      return false;
    }
    return code == f.code && certificateIndex == f.certificateIndex && message.equals(f.message)
        && revocationReason == f.revocationReason;
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, certificateIndex, message, revocationReason);
  }

  @Override
  public String toString() {
    return code + (certificateIndex >= 0 ? "@" + certificateIndex : "")
        + (revocationReason != null ? "(" + revocationReason + ")" : "") + ": " + message;
  }
}
