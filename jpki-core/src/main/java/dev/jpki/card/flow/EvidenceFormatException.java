// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.JpkiException;

/**
 * Evidence bytes ({@link Evidence#fromBytes}) are not a well-formed evidence encoding: wrong magic or
 * version, unknown kind or field, truncated, oversized or repeated fields. The message names the
 * problem and offset, never field contents.
 */
public final class EvidenceFormatException extends JpkiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, without evidence contents
   */
  EvidenceFormatException(String message) {
    super(message);
  }
}
