// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.JpkiException;

/**
 * Thrown by {@link VerificationResult#requireValid()} when a result is not VALID. Carries the result so
 * callers can read the machine-readable failures.
 */
public final class VerificationException extends JpkiException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // results are not meant to be serialised; the message carries the gist
  private final VerificationResult result;

  /**
   * Creates an exception for a result that is not VALID.
   *
   * @param result the result
   */
  VerificationException(VerificationResult result) {
    super("verification " + result.status() + ": " + result.failures());
    this.result = result;
  }

  /**
   * Returns the result that was not VALID.
   *
   * @return the result
   */
  public VerificationResult result() {
    return result;
  }

  /**
   * Returns the status of the result.
   *
   * @return INVALID or INDETERMINATE
   */
  public Status status() {
    return result.status();
  }
}
