// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.JpkiException;

/**
 * The card answered a command with an unexpected status word.
 *
 * <p>Carries the status word and instruction byte, never command data. Subclasses name the words a
 * caller is expected to handle ({@link SecurityStatusException}, {@link ApplicationNotFoundException}, and
 * the PIN exceptions of {@code dev.jpki.card}).
 */
public class CardStatusException extends JpkiException {
  private static final long serialVersionUID = 1L;

  private final int sw;
  private final int ins;

  /**
   * Creates the exception.
   *
   * @param sw the status word
   * @param ins the instruction byte of the refused command
   * @param message what was refused; no secrets, no personal data
   */
  public CardStatusException(int sw, int ins, String message) {
    super(message);
    this.sw = sw;
    this.ins = ins;
  }

  /** @return the status word, e.g. 0x6982 */
  public int sw() {
    return sw;
  }

  /** @return the instruction byte of the refused command */
  public int ins() {
    return ins;
  }
}
