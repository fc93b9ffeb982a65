// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.JpkiException;
import org.jspecify.annotations.Nullable;

/**
 * The certificate link could not be established: the link service (J-LIS data through a platform
 * operator) or the account directory failed, or their answers are inconsistent. Never means "a different
 * person": the caller must not create a new account because of this exception, but retry or ask for
 * another proof. Messages hold no personal data.
 */
public final class CertificateLinkException extends JpkiException {
  private static final long serialVersionUID = 1L;

  /** What failed. */
  public enum Reason {
    /** The link service could not be reached or answered with an error. */
    LINK_SERVICE_FAILED,
    /** The link service does not offer this kind of link. */
    NOT_SUPPORTED,
    /** The account directory ({@link CertificateAccounts}) could not read or write. */
    ACCOUNT_DIRECTORY_FAILED,
    /** The chain of predecessors is longer than allowed or loops. */
    LINK_CHAIN_TOO_LONG
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason what failed
   * @param message a description without personal data
   * @param cause the underlying failure, if any
   */
  public CertificateLinkException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * Returns what failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
