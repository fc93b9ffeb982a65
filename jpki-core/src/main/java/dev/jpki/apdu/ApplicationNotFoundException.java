// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.internal.StatusWord;

/**
 * SELECT failed with {@code 6A82}: the application or file does not exist on this card. Selecting the
 * JPKI AP this way is how a card that is not a My Number Card is detected (never by ATR).
 */
public class ApplicationNotFoundException extends CardStatusException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param ins the instruction byte (SELECT, A4)
   * @param message what was not found
   */
  public ApplicationNotFoundException(int ins, String message) {
    super(StatusWord.FILE_NOT_FOUND, ins, message);
  }
}
