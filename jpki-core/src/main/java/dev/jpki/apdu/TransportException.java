// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.JpkiException;
import org.jspecify.annotations.Nullable;

/**
 * The APDU exchange failed below the card's application layer: card removed, NFC tag lost, reader
 * unplugged, PC/SC service gone, or the transport already closed.
 *
 * <p>When this happens during a VERIFY, whether the card counted the try is unknown; the card API
 * reports that as {@link #outcomeUnknown()}.
 */
public class TransportException extends JpkiException {
  private static final long serialVersionUID = 1L;

  /** Why the exchange failed, so callers (and the CLI's exit codes) can react without parsing text. */
  public enum Reason {
    /**
     * The card was removed from the reader or left the NFC field while this program was using it: a
     * command may have been interrupted.
     */
    CARD_REMOVED,
    /**
     * There was no card in the reader when connecting (or waiting for one timed out): nothing was sent, so
     * nothing was interrupted. Ask the user to insert the card.
     */
    NO_CARD,
    /**
     * The card was reset (by another program, the reader, or the system after an idle transaction,
     * PC/SC {@code SCARD_W_RESET_CARD}); the transport reconnected, but every verified credential was
     * lost: verify again before an operation that needs one. The SDK never re-sends a PIN by itself.
     */
    CARD_RESET,
    /** No reader, or the reader was unplugged. */
    READER_UNAVAILABLE,
    /** The platform's smart-card service is not running or not installed (e.g. pcscd). */
    SERVICE_UNAVAILABLE,
    /** Another program holds the card exclusively. */
    SHARING_VIOLATION,
    /** The command or response does not fit what the transport can carry. */
    LENGTH_LIMIT,
    /** The transport was closed by this program. */
    CLOSED,
    /** The card did not answer in time. */
    TIMEOUT,
    /** Any other I/O failure. */
    IO_ERROR
  }

  private final Reason reason;
  private final boolean outcomeUnknown;

  /**
   * Creates a transport failure.
   *
   * @param reason why the exchange failed
   * @param message what happened and what to do; no secrets, no personal data
   * @param cause the underlying platform exception, if any
   */
  public TransportException(Reason reason, String message, @Nullable Throwable cause) {
    this(reason, message, cause, false);
  }

  /**
   * Creates a transport failure.
   *
   * @param reason why the exchange failed
   * @param message what happened and what to do; no secrets, no personal data
   */
  public TransportException(Reason reason, String message) {
    this(reason, message, null, false);
  }

  /**
   * Creates a transport failure, saying whether a credential check's outcome is unknown.
   *
   * @param reason why the exchange failed
   * @param message what happened and what to do; no secrets, no personal data
   * @param cause the underlying platform exception, if any
   * @param outcomeUnknown true if the failed command was a VERIFY whose effect on the retry counter
   *     cannot be known
   */
  public TransportException(
      Reason reason, String message, @Nullable Throwable cause, boolean outcomeUnknown) {
    super(message, cause);
    this.reason = reason;
    this.outcomeUnknown = outcomeUnknown;
  }

  /**
   * Why the exchange failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Whether this failure hit a VERIFY, so the card may or may not have counted a try.
   *
   * @return true if the PIN outcome is unknown; read the tries left before trying again
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
