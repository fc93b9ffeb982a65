// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.internal.StatusWord;

/**
 * The card refused with {@code 6982}: the credential that opens this file or key is not verified in the
 * current session (e.g. signing before {@code verifyPin}, or after selecting another application, which
 * clears the security state, docs/card-protocol.md §5.3).
 */
public class SecurityStatusException extends CardStatusException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param ins the instruction byte of the refused command
   * @param message what was refused
   */
  public SecurityStatusException(int ins, String message) {
    super(StatusWord.SECURITY_STATUS_NOT_SATISFIED, ins, message);
  }
}
