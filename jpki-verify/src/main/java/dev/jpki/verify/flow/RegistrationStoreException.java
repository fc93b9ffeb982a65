// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.JpkiException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RegistrationStore} could not answer (database down, timeout, constraint failure). A flow
 * that meets this never reports "matched": the caller gets this exception, not a verdict.
 *
 * <p>Messages must not contain personal data or registration contents.
 */
public final class RegistrationStoreException extends JpkiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without personal data
   * @param cause the underlying failure, if any
   */
  public RegistrationStoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
