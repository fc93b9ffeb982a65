// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import java.util.OptionalInt;

/**
 * The state of one credential on the card, read without spending a try (empty VERIFY, docs/card-protocol.md §4.2).
 *
 * <p>Immutable.
 */
public final class PinStatus {
  /** What the card said about the credential. */
  public enum State {
    /** Usable; {@link #triesLeft()} says how many tries remain (1 = the last one). */
    AVAILABLE,
    /**
     * Already verified in this session: the card answered {@code 9000} to the empty VERIFY instead of
     * reporting the counter (docs/card-protocol.md §3.4, single project). A successful VERIFY resets the counter, so the
     * next try is not the last.
     */
    VERIFIED,
    /** Blocked ({@code 63C0} or {@code 6984}); {@link #triesLeft()} is 0. */
    BLOCKED,
    /** The card has no such key reference (e.g. PIN-less face-auth cards, docs/card-protocol.md §4.3; UNCONFIRMED). */
    NOT_PRESENT
  }

  private final Application application;
  private final PinType pinType;
  private final State state;
  private final int triesLeft;
  private final int sw;

  PinStatus(Application application, PinType pinType, State state, int triesLeft, int sw) {
    this.application = application;
    this.pinType = pinType;
    this.state = state;
    this.triesLeft = triesLeft;
    this.sw = sw;
  }

  /** @return the application whose key reference was queried */
  public Application application() {
    return application;
  }

  /** @return the credential */
  public PinType pinType() {
    return pinType;
  }

  /** @return the state */
  public State state() {
    return state;
  }

  /**
   * Tries left as the card reported them: present for {@link State#AVAILABLE} (1..15) and {@link
   * State#BLOCKED} (0), empty when the card did not report a counter.
   *
   * @return the tries left, if known
   */
  public OptionalInt triesLeft() {
    return triesLeft >= 0 ? OptionalInt.of(triesLeft) : OptionalInt.empty();
  }

  /** @return whether the next wrong try blocks the credential */
  public boolean isLastTry() {
    return state == State.AVAILABLE && triesLeft == 1;
  }

  /** @return whether the credential is blocked */
  public boolean isBlocked() {
    return state == State.BLOCKED;
  }

  /** @return the status word of the query ({@code 63Cx}, {@code 9000}, {@code 6984}, or {@code 6A82}) */
  int sw() {
    return sw;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PinStatus p)) {
      return false;
    }
    return p.application == application && p.pinType == pinType && p.state == state
        && p.triesLeft == triesLeft && p.sw == sw;
  }

  @Override
  public int hashCode() {
    return ((application.hashCode() * 31 + pinType.hashCode()) * 31 + state.hashCode()) * 31 + triesLeft;
  }

  /** @return e.g. {@code PinStatus[JPKI AUTHENTICATION AVAILABLE tries=3]} (no secrets here) */
  @Override
  public String toString() {
    return "PinStatus[" + application + " " + pinType + " " + state
        + (triesLeft >= 0 ? " tries=" + triesLeft : "") + "]";
  }
}
