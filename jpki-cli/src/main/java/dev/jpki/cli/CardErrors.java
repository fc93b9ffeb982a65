// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.apdu.TransportException;
import dev.jpki.card.LastTryRefusedException;
import dev.jpki.card.PinBlockedException;
import dev.jpki.card.WrongPinException;
import org.jspecify.annotations.Nullable;

/** Maps the card API's PIN and interruption exceptions to exit codes 5, 6 and 7 (docs/cli.md). */
final class CardErrors {
  private CardErrors() {}

  /**
   * The exit code for a PIN outcome, or null if {@code ex} is not one.
   *
   * @param ex the failure
   * @return 5 for a wrong PIN, 6 for blocked or a refused last try, else null
   */
  static @Nullable Integer pinExitCode(Throwable ex) {
    // JCA paths wrap card outcomes (UnrecoverableKeyException, SignatureException): look at the causes.
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof WrongPinException) {
        return ExitCode.WRONG_PIN;
      }
      if (t instanceof PinBlockedException || t instanceof LastTryRefusedException) {
        return ExitCode.PIN_BLOCKED;
      }
    }
    return null;
  }

  /** What exit 7 says when the card was reset under the command. */
  static final String RESET_MESSAGE = "the card was reset by another program (or the reader or the system) during"
      + " the command; verified PINs were lost and the PIN was not re-sent; run the command again";

  /** What exit 7 says when the card left the reader during the command. */
  static final String REMOVED_MESSAGE = "the card was removed (or left the contactless reader's field) during"
      + " the command; the PIN was not re-sent; put the card back, keep it still, and run the command again";

  /**
   * Whether the card was reset or removed under the command (exit 7), looking through wrapping
   * exceptions (JCA paths wrap card outcomes).
   *
   * @param ex the failure
   * @return the reason ({@code CARD_RESET} or {@code CARD_REMOVED}), or null if neither
   */
  static TransportException.@Nullable Reason interruption(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      // NO_CARD (the reader was empty at connect) is not an interruption: it is exit 4, not 7.
      if (t instanceof TransportException te
          && (te.reason() == TransportException.Reason.CARD_RESET
              || te.reason() == TransportException.Reason.CARD_REMOVED)) {
        return te.reason();
      }
    }
    return null;
  }

  /**
   * The one-line message of exit 7.
   *
   * @param reason {@code CARD_RESET} or {@code CARD_REMOVED}
   * @return the message
   */
  static String interruptionMessage(TransportException.Reason reason) {
    return reason == TransportException.Reason.CARD_RESET ? RESET_MESSAGE : REMOVED_MESSAGE;
  }
}
