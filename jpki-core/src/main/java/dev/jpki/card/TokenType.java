// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

/**
 * What kind of JPKI token answered, from the label in JPKI EF {@code 0006} (docs/card-protocol.md §5.1, §11).
 */
public enum TokenType {
  /** {@code JPKIAPICCTOKEN2}: a physical My Number Card. */
  MY_NUMBER_CARD("JPKIAPICCTOKEN2", false),
  /** {@code JPKIAPICCTOKEN}: an old Basic Resident Registration (住基) card. */
  JUKI_CARD("JPKIAPICCTOKEN", false),
  /** {@code JPKIAPGPSETOKEN}: smartphone JPKI in an Android secure element. */
  ANDROID("JPKIAPGPSETOKEN", true),
  /** {@code JPKIAPIOSTOKEN}: smartphone JPKI on an iPhone (label from a single project: UNCONFIRMED). */
  IPHONE("JPKIAPIOSTOKEN", true),
  /** A label this SDK does not know; see {@link TokenInfo#label()}. */
  UNKNOWN("", false);

  private final String label;
  private final boolean smartphone;

  TokenType(String label, boolean smartphone) {
    this.label = label;
    this.smartphone = smartphone;
  }

  /**
   * Whether this is a smartphone token: separately issued certificates, JPKI AP only, and the
   * authentication certificate needs the authentication PIN (docs/card-protocol.md §5.2, §11).
   *
   * @return true for Android and iPhone tokens
   */
  public boolean isSmartphone() {
    return smartphone;
  }

  /**
   * The type for a token label.
   *
   * @param label the label with its padding removed
   * @return the matching type, or {@link #UNKNOWN}
   */
  public static TokenType fromLabel(String label) {
    for (TokenType t : values()) {
      if (t != UNKNOWN && t.label.equals(label)) {
        return t;
      }
    }
    return UNKNOWN;
  }
}
