// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.StatusWord;

/**
 * The credential is blocked: the failing try exhausted the counter ({@code 63C0}), or it was blocked
 * already ({@code 6984}, or ISO {@code 6983}; docs/card-protocol.md §3.4). Only a municipal office can unblock it.
 */
public final class PinBlockedException extends PinException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param pinType the credential concerned
   * @param sw {@code 63C0}, {@code 6984} or {@code 6983}
   */
  PinBlockedException(PinType pinType, int sw) {
    super(pinType, sw, pinType.label() + " is blocked (SW=" + StatusWord.toHex(sw)
        + "); only the municipal office can reset it");
  }
}
