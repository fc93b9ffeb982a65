// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.StatusWord;

/**
 * The card refused the credential ({@code 63Cx}) and has {@link #remainingAttempts()} tries left (at
 * least 1; the failure that exhausts the counter is a {@link PinBlockedException}).
 */
public final class WrongPinException extends PinException {
  private static final long serialVersionUID = 1L;

  private final int remainingAttempts;

  /**
   * Creates the exception.
   *
   * @param pinType the credential concerned
   * @param sw the {@code 63Cx} status word
   */
  WrongPinException(PinType pinType, int sw) {
    super(pinType, sw, "wrong " + pinType.label() + ": " + StatusWord.retriesLeft(sw)
        + (StatusWord.retriesLeft(sw) == 1 ? " try" : " tries") + " left (SW=" + StatusWord.toHex(sw) + ")");
    this.remainingAttempts = StatusWord.retriesLeft(sw);
  }

  /**
   * Tries left before the credential blocks.
   *
   * @return 1..15
   */
  public int remainingAttempts() {
    return remainingAttempts;
  }
}
