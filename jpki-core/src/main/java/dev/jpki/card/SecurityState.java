// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one session knows of the card's volatile state: the selected application (DF) and file (EF),
 * which credentials are verified there, and which ones selecting another application cleared (so a
 * later {@code 6982} can say why). The card is the authority; this is the session's model of it, used to
 * skip redundant SELECTs and to explain refusals. Confined to the session's thread.
 */
final class SecurityState {
  static final int NO_EF = -1;

  private @Nullable Application currentDf;
  private int currentEf = NO_EF;
  /** Credentials verified in {@link #currentDf}. */
  private final EnumSet<PinType> verified = EnumSet.noneOf(PinType.class);
  /** Credentials that were verified in an application until selecting another one cleared them. */
  private final Map<Application, EnumMap<PinType, Application>> clearedBy = new EnumMap<>(Application.class);
  /** Set when the transport reported a card reset: verified credentials were lost with it. */
  private boolean resetSinceVerify;

  @Nullable Application currentDf() {
    return currentDf;
  }

  int currentEf() {
    return currentEf;
  }

  /** Before a SELECT DF whose outcome is not known yet. */
  void selectingDf() {
    currentDf = null;
    currentEf = NO_EF;
  }

  /** The card refused a SELECT DF: whatever was verified is no longer usable. */
  void dfRefused() {
    verified.clear();
  }

  /** SELECT DF succeeded; selecting another DF clears the security state (docs/card-protocol.md §5.3). */
  void dfSelected(@Nullable Application previous, Application app) {
    if (previous != null && !verified.isEmpty()) {
      EnumMap<PinType, Application> cleared = clearedBy.computeIfAbsent(previous, k -> new EnumMap<>(PinType.class));
      for (PinType t : verified) {
        cleared.put(t, app);
      }
    }
    verified.clear();
    currentDf = app;
  }

  void selectingEf() {
    currentEf = NO_EF;
  }

  void efSelected(int fid) {
    currentEf = fid;
  }

  void markVerified(Application app, PinType type) {
    if (currentDf == app) {
      verified.add(type);
      resetSinceVerify = false;
      EnumMap<PinType, Application> cleared = clearedBy.get(app);
      if (cleared != null) {
        cleared.remove(type);
      }
    }
  }

  void markNotVerified(PinType type) {
    verified.remove(type);
  }

  boolean isVerified(Application app, PinType type) {
    return currentDf == app && verified.contains(type);
  }

  /**
   * The card may have been reset, removed or replaced: forget what it had selected and verified.
   *
   * @param reset true if the transport reported a reset (so refusals can say the verified state was lost)
   */
  void forget(boolean reset) {
    if (reset && !verified.isEmpty()) {
      resetSinceVerify = true;
    }
    currentDf = null;
    currentEf = NO_EF;
    verified.clear();
    clearedBy.clear();
  }

  /** Why an operation that needs {@code type} got {@code 6982}, from what this session saw. */
  String notVerifiedReason(Application app, PinType type) {
    if (isVerified(app, type)) {
      return "the card refused although the " + type.label() + " was verified in this session; the card may"
          + " have been reset by another program or the reader, which loses the verified state: verify again";
    }
    if (resetSinceVerify) {
      return "the card was reset since the " + type.label() + " was verified (by another program, the reader,"
          + " or the system after an idle transaction), which lost the verified state: verify again";
    }
    EnumMap<PinType, Application> cleared = clearedBy.get(app);
    Application by = cleared == null ? null : cleared.get(type);
    if (by != null) {
      return "the " + type.label() + " was verified earlier in this session, but selecting the " + by.label()
          + " since then cleared it (docs/card-protocol.md §5.3); verify it again";
    }
    return "the " + type.label() + " is not verified in this session; verify it first";
  }
}
