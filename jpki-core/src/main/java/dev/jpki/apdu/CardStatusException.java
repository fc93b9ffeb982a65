// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.JpkiException;
import dev.jpki.internal.Hex;

/**
 * The card answered a command with an unexpected status word.
 *
 * <p>Carries the status word and instruction byte, never command data. Subclasses name the words a
 * caller is expected to handle; {@link #of(int, int, String)} maps status words in one place.
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

  /**
   * Maps an unexpected status word to the most specific exception. PIN-related words (63Cx, 6983,
   * 6984) after VERIFY are mapped by the card layer, which knows the credential type.
   *
   * @param sw the status word
   * @param ins the instruction byte
   * @param what the operation, e.g. {@code "SELECT JPKI AP"} or {@code "READ BINARY EF 0001"}
   * @return the exception to throw
   */
  public static CardStatusException of(int sw, int ins, String what) {
    String msg = what + " refused: SW=" + StatusWord.describe(sw) + ", INS=" + Hex.encode(new byte[] {(byte) ins});
    if (sw == StatusWord.SECURITY_STATUS_NOT_SATISFIED) {
      return new SecurityStatusException(ins, msg);
    }
    if (sw == StatusWord.FILE_NOT_FOUND && ins == 0xA4) {
      return new ApplicationNotFoundException(ins, msg);
    }
    return new CardStatusException(sw, ins, msg);
  }
}
