// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.StatusWord;

/**
 * The SDK did not send the credential because the card has only one try left and the caller did not
 * pass {@link VerifyOption#ALLOW_LAST_TRY}: a wrong value would block it (docs/design.md, PIN safety). No try
 * was spent.
 */
public final class LastTryRefusedException extends PinException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param pinType the credential concerned
   * @param sw the {@code 63C1} answer of the free retry-counter query
   */
  LastTryRefusedException(PinType pinType, int sw) {
    super(pinType, sw, pinType.label() + " has only 1 try left (SW=" + StatusWord.toHex(sw)
        + "); not sent, so no try was spent. Pass VerifyOption.ALLOW_LAST_TRY to use it");
  }

  /**
   * Tries left (always 1).
   *
   * @return 1
   */
  public int remainingAttempts() {
    return 1;
  }
}
