// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.CardStatusException;

/**
 * A credential was refused, is blocked, or was not sent to protect its last try. Says which {@link
 * PinType}, never the value (docs/conventions.md §4).
 */
public abstract class PinException extends CardStatusException {
  private static final long serialVersionUID = 1L;

  private final PinType pinType;

  /**
   * Creates the exception.
   *
   * @param pinType the credential concerned
   * @param sw the status word that decided the outcome
   * @param message what happened; no value, no length
   */
  PinException(PinType pinType, int sw, String message) {
    super(sw, INS_VERIFY, message);
    this.pinType = pinType;
  }

  /** INS of VERIFY (docs/card-protocol.md §3.1), the command every PIN outcome comes from. */
  static final int INS_VERIFY = 0x20;

  /**
   * The credential concerned.
   *
   * @return the type
   */
  public PinType pinType() {
    return pinType;
  }
}
