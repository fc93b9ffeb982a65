// SPDX-License-Identifier: Apache-2.0
package dev.jpki;

import org.jspecify.annotations.Nullable;

/**
 * Root of the checked exceptions for card and transport outcomes that a caller must handle: a removed
 * card, a refused command, a wrong or blocked PIN, malformed card data (docs/conventions.md §4).
 *
 * <p>Messages carry status words, instruction bytes and credential types, never command data, PINs
 * or personal data: exception messages end up in crash reports.
 */
public abstract class JpkiException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that contains no secret and no personal data.
   *
   * @param message what happened and, where useful, what to do
   */
  protected JpkiException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what happened and, where useful, what to do
   * @param cause the underlying failure
   */
  protected JpkiException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
