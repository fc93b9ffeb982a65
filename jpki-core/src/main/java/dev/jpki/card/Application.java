// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.Hex;
import dev.jpki.internal.JpkiProbe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The card applications (DFs) this SDK talks to, each selected by its full 10-byte AID (docs/card-protocol.md §2).
 */
// The arrays are private and never handed out (aid() copies): the enum is effectively immutable.
@SuppressWarnings("ImmutableEnumChecker")
public enum Application {
  /** 公的個人認証AP: the two JPKI certificates and keys (docs/card-protocol.md §5). */
  JPKI(JpkiProbe.JPKI_AID_HEX, "JPKI AP", PinType.AUTHENTICATION, 0x0018, PinType.SIGNATURE, 0x001B),
  /** 券面事項入力補助AP: My Number and the basic 4 info as text (docs/card-protocol.md §6). */
  TEXT("D3921000310001010408", "text AP",
      PinType.TEXT, 0x0011, PinType.VERIFICATION_A, 0x0014, PinType.VERIFICATION_B, 0x0015),
  /** 券面事項確認AP: the card face (photo, images, dates) and the age record (docs/card-protocol.md §7). */
  VISUAL("D3921000310001010402", "visual AP",
      PinType.DATE_OF_BIRTH, 0x0011, PinType.VERIFICATION_B, 0x0012, PinType.VERIFICATION_A, 0x0013),
  /** 共通カードAP: card serial data (docs/card-protocol.md §8). */
  COMMON("D3921000310001010100", "common AP", PinType.COMMON, 0x001C),
  /** 住基AP: only its PIN is used here (docs/card-protocol.md §8). */
  JUKI("D3921000310001010401", "juki AP", PinType.COMMON, 0x001C);

  private final byte[] aid;
  private final String label;
  /** Alternating PinType, key-reference FID (docs/card-protocol.md §4.1, §6.1, §7.1). */
  private final Object[] keyRefs;

  Application(String aidHex, String label, Object... keyRefs) {
    this.aid = Hex.decode(aidHex);
    this.label = label;
    this.keyRefs = keyRefs;
  }

  /**
   * The credentials this application checks, in the order {@link MyNumberCard#info()} reports them.
   *
   * @return an unmodifiable list
   */
  List<PinType> pinTypes() {
    List<PinType> out = new ArrayList<>();
    for (int i = 0; i < keyRefs.length; i += 2) {
      out.add((PinType) keyRefs[i]);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The key reference (internal EF) of a credential in this application.
   *
   * @throws IllegalArgumentException if this application does not check that credential
   */
  int keyReference(PinType type) {
    for (int i = 0; i < keyRefs.length; i += 2) {
      if (keyRefs[i] == type) {
        return (Integer) keyRefs[i + 1];
      }
    }
    throw new IllegalArgumentException("the " + label + " does not check a " + type.label() + "; it takes " + pinTypes());
  }

  /**
   * The application identifier, always the full 10 bytes (JICSAP selects by prefix too, docs/card-protocol.md §2).
   *
   * @return a copy of the AID
   */
  byte[] aid() {
    return aid.clone();
  }

  /**
   * A short English name for messages.
   *
   * @return e.g. {@code "JPKI AP"}
   */
  String label() {
    return label;
  }
}
