// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

/** The JPKI token label in EF 0006 (docs/card-protocol.md §5.1): which kind of token answers as the JPKI AP. */
public enum TokenType {
  /** {@code JPKIAPICCTOKEN2}: physical My Number Card. */
  CARD("JPKIAPICCTOKEN2"),
  /** {@code JPKIAPGPSETOKEN}: smartphone certificate in an Android GlobalPlatform SE. */
  ANDROID_SMARTPHONE("JPKIAPGPSETOKEN"),
  /** {@code JPKIAPIOSTOKEN}: iPhone (single source, <b>UNCONFIRMED</b>). */
  IPHONE("JPKIAPIOSTOKEN"),
  /** {@code JPKIAPICCTOKEN}: the old 住基カード. */
  JUKI_CARD("JPKIAPICCTOKEN");

  private final String label;

  TokenType(String label) {
    this.label = label;
  }

  /**
   * The label without padding.
   *
   * @return the label
   */
  public String label() {
    return label;
  }
}
