// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import dev.jpki.apdu.TransportException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A PC/SC failure, classified finer than {@link TransportException.Reason}: which of the problems a
 * user can fix (pcscd not running, libpcsclite missing, no reader, no card, another program holding
 * the card) happened, and the PC/SC code that showed it.
 *
 * <p>The message always says what to do, e.g. "PC/SC service not running (start pcscd)" followed by
 * the commands for Debian/Ubuntu, macOS and Windows. Messages never contain APDU data.
 */
public final class PcscException extends TransportException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in terms a user can act on. Each kind maps to one {@link Reason}. */
  public enum Kind {
    /** The PC/SC service (pcscd, Windows "Smart Card" service) is not running. */
    SERVICE_NOT_RUNNING(Reason.SERVICE_UNAVAILABLE),
    /** Java could not load the PC/SC library (libpcsclite on Linux). */
    LIBRARY_NOT_FOUND(Reason.SERVICE_UNAVAILABLE),
    /** No reader is connected. */
    NO_READER(Reason.READER_UNAVAILABLE),
    /** No connected reader matches the requested name or index. */
    READER_NOT_FOUND(Reason.READER_UNAVAILABLE),
    /** The reader was unplugged or became unavailable. */
    READER_GONE(Reason.READER_UNAVAILABLE),
    /** No card is in the reader (or on it, for contactless readers). */
    NO_CARD(Reason.NO_CARD),
    /** The card was removed during the operation. */
    CARD_REMOVED(Reason.CARD_REMOVED),
    /** Another program reset the card; its security state (verified PINs) is gone. */
    CARD_RESET(Reason.CARD_RESET),
    /** Another program holds the card exclusively. */
    SHARING_VIOLATION(Reason.SHARING_VIOLATION),
    /** The response is longer than {@code javax.smartcardio} can return (8192 bytes). */
    RESPONSE_TOO_LONG(Reason.LENGTH_LIMIT),
    /** The command is longer than this connection can carry (e.g. extended length disabled). */
    COMMAND_TOO_LONG(Reason.LENGTH_LIMIT),
    /** The card does not speak the requested protocol (T=0 / T=1). */
    PROTOCOL_MISMATCH(Reason.IO_ERROR),
    /** The reader or service did not answer in time. */
    TIMEOUT(Reason.TIMEOUT),
    /** This connection was already closed. */
    CLOSED(Reason.CLOSED),
    /** Any other communication failure with the reader or card. */
    COMMUNICATION_ERROR(Reason.IO_ERROR);

    private final Reason reason;

    Kind(Reason reason) {
      this.reason = reason;
    }

    /**
     * The transport-level reason this kind is reported as.
     *
     * @return the reason
     */
    public Reason reason() {
      return reason;
    }
  }

  private final Kind kind;
  private final @Nullable String pcscCode;

  /**
   * Creates a PC/SC failure.
   *
   * @param kind what went wrong
   * @param pcscCode the PC/SC error name that showed it (e.g. {@code SCARD_E_NO_SERVICE}), if known
   * @param message what happened and what to do; no APDU data
   * @param cause the platform exception, if any
   */
  public PcscException(
      Kind kind, @Nullable String pcscCode, String message, @Nullable Throwable cause) {
    super(kind.reason(), message, cause);
    this.kind = kind;
    this.pcscCode = pcscCode;
  }

  /**
   * What happened and what to do. Never null.
   *
   * @return the message
   */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }

  /**
   * What went wrong.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The PC/SC error name reported by the platform, such as {@code SCARD_W_REMOVED_CARD}.
   *
   * @return the code, or empty when the failure was detected by this library or the platform gave
   *     no code
   */
  public Optional<String> pcscCode() {
    return Optional.ofNullable(pcscCode);
  }
}
