// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The card applications (DFs) of the My Number Card, docs/card-protocol.md §2, plus {@link #MF} for the power-on state.
 */
public enum Application {
  /** The power-on state (docs/card-protocol.md §2 notes, §8): no AP selected, no AID. */
  MF(null),
  /** JPKI AP (公的個人認証AP), docs/card-protocol.md §5. */
  JPKI("D392F000260100000001"),
  /** Text / input-support AP (券面事項入力補助AP), docs/card-protocol.md §6. */
  TEXT("D3921000310001010408"),
  /** Visual / card-face AP (券面事項確認AP), docs/card-protocol.md §7. */
  VISUAL("D3921000310001010402"),
  /** Common-card AP (共通カードAP), docs/card-protocol.md §8. */
  COMMON("D3921000310001010100"),
  /** Residents-registry AP (住基AP), docs/card-protocol.md §8. */
  JUKI("D3921000310001010401");

  // Private and handed out only as a copy (aid()), so the enum stays effectively immutable.
  @SuppressWarnings("ImmutableEnumChecker")
  private final byte @Nullable [] aid;

  Application(@Nullable String aidHex) {
    this.aid = aidHex == null ? null : hex(aidHex);
  }

  /**
   * The application identifier (DF name) selected with {@code 00 A4 04 0C}.
   *
   * @return a copy of the 10-byte AID
   * @throws IllegalStateException for {@link #MF}, which has no AID
   */
  public byte[] aid() {
    byte[] a = aid;
    if (a == null) {
      throw new IllegalStateException("MF has no AID (docs/card-protocol.md §2: there is no usable SELECT MF)");
    }
    return a.clone();
  }

  /**
   * Whether this application has an AID (every value except {@link #MF}).
   *
   * @return true if {@link #aid()} does not throw
   */
  public boolean hasAid() {
    return aid != null;
  }

  /**
   * Finds the application whose AID equals {@code data[offset, offset+length)} exactly (docs/card-protocol.md §2 notes:
   * a prefix must not select).
   *
   * @param data buffer holding the candidate AID
   * @param offset start of the AID in {@code data}
   * @param length length of the AID
   * @return the application, or null if no AID matches in full
   */
  static @Nullable Application forAid(byte[] data, int offset, int length) {
    for (Application app : values()) {
      byte[] a = app.aid;
      if (a != null && a.length == length
          && Arrays.equals(a, 0, a.length, data, offset, offset + length)) {
        return app;
      }
    }
    return null;
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
