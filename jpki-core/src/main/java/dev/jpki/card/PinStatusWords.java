// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.CardStatusException;
import dev.jpki.internal.StatusWord;

/**
 * The one place where the status words of VERIFY are interpreted (docs/conventions.md §4: map status words in one
 * place), for both the free counter query and a real try (docs/card-protocol.md §3.4, §4.2).
 */
final class PinStatusWords {
  private PinStatusWords() {}

  /**
   * Interprets the answer to an empty VERIFY.
   *
   * @throws CardStatusException for an answer that says nothing about the counter
   */
  static PinStatus query(Application app, PinType type, int sw) throws CardStatusException {
    if (StatusWord.isRetryCounter(sw)) {
      int left = StatusWord.retriesLeft(sw);
      return new PinStatus(app, type, left == 0 ? PinStatus.State.BLOCKED : PinStatus.State.AVAILABLE, left, sw);
    }
    if (sw == StatusWord.OK) {
      // Some cards answer 9000 when the key is already verified in this session (docs/card-protocol.md §3.4).
      return new PinStatus(app, type, PinStatus.State.VERIFIED, -1, sw);
    }
    if (sw == StatusWord.REFERENCE_DATA_BLOCKED || sw == StatusWord.AUTHENTICATION_METHOD_BLOCKED) {
      return new PinStatus(app, type, PinStatus.State.BLOCKED, 0, sw);
    }
    throw StatusWord.refusal(sw, PinException.INS_VERIFY,
        "retry-counter query of the " + type.label() + " in the " + app.label());
  }

  /** A key reference that SELECT EF did not find. */
  static PinStatus notPresent(Application app, PinType type) {
    return new PinStatus(app, type, PinStatus.State.NOT_PRESENT, -1, StatusWord.FILE_NOT_FOUND);
  }

  /**
   * The exception for a VERIFY with data that did not answer {@code 9000}.
   *
   * @return a {@link WrongPinException} (63Cx, x ≥ 1), {@link PinBlockedException} (63C0, 6984, 6983),
   *     or a plain {@link CardStatusException}
   */
  static CardStatusException verifyFailure(Application app, PinType type, int sw) {
    if (StatusWord.isRetryCounter(sw)) {
      // 63C0 comes from the failing try that exhausts the counter (docs/card-protocol.md §3.4).
      return StatusWord.retriesLeft(sw) == 0 ? new PinBlockedException(type, sw) : new WrongPinException(type, sw);
    }
    if (sw == StatusWord.REFERENCE_DATA_BLOCKED || sw == StatusWord.AUTHENTICATION_METHOD_BLOCKED) {
      return new PinBlockedException(type, sw);
    }
    return StatusWord.refusal(sw, PinException.INS_VERIFY,
        "VERIFY of the " + type.label() + " in the " + app.label());
  }

  /** The exception a counter query that found the credential blocked or at its last try turns into. */
  static PinException refusal(PinStatus status) {
    if (status.state() == PinStatus.State.BLOCKED) {
      return new PinBlockedException(status.pinType(), status.sw());
    }
    return new LastTryRefusedException(status.pinType(), status.sw());
  }
}
