package dev.jpki.cli;

import dev.jpki.card.LastTryRefusedException;
import dev.jpki.card.PinBlockedException;
import dev.jpki.card.WrongPinException;
import org.jspecify.annotations.Nullable;

/** Maps the card API's PIN exceptions to exit codes 5 and 6 (docs/cli.md). */
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
}
