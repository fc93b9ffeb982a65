// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.JpkiException;
import org.jspecify.annotations.Nullable;

/**
 * The certificate link could not be established: the link service (J-LIS data through a platform
 * operator) or the account directory failed, or the chain of predecessors is too long or loops. Never
 * means "a different person": the caller must not create a new account because of this exception, but
 * retry or ask for another proof, whatever the cause. Messages hold no personal data.
 */
public final class CertificateLinkException extends JpkiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception (thrown by {@link CertificateLinkService} and {@link CertificateAccounts}
   * implementations that cannot answer).
   *
   * @param message what failed, without personal data
   * @param cause the underlying failure, if any
   */
  public CertificateLinkException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
