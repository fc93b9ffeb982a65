// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.JpkiException;

/**
 * A field read from the card face by OCR is impossible: a date that does not exist or does not fit its
 * era, a wrong number of digits, a year outside the range cards are issued with. Thrown before anything
 * is sent to the card, so no 照合番号B try is spent on OCR noise. The message names the field, never
 * its value.
 */
public final class OcrFieldException extends JpkiException {
  private static final long serialVersionUID = 1L;

  /** Which OCR field is wrong. */
  public enum Field {
    /** The printed birth date. */
    BIRTH_DATE,
    /** The printed card expiry year. */
    EXPIRY_YEAR,
    /** The printed 4-digit security code. */
    SECURITY_CODE
  }

  private final Field field;

  /**
   * Creates the exception.
   *
   * @param field the wrong field
   * @param problem what is wrong, without the value
   */
  OcrFieldException(Field field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /**
   * Returns the wrong field.
   *
   * @return the field
   */
  public Field field() {
    return field;
  }
}
