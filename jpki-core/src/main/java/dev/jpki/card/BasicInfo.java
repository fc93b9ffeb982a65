// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.BerTlv;
import dev.jpki.apdu.MalformedResponseException;

/**
 * 基本4情報 from text AP EF {@code 0002}: name, address, birth date, sex (docs/card-protocol.md §6.3).
 *
 * <p>The offset table ({@code DF21}) is checked against where the objects really are: a mismatch is a
 * {@link MalformedResponseException}, never a half-filled value. {@link #encoded()} keeps the exact TLV
 * for the integrity check of EF {@code 0003} (docs/card-protocol.md §6.4; done by jpki-verify).
 *
 * <p>Security: personal data. {@link #toString()} shows none of it. Immutable.
 */
public final class BasicInfo {
  static final int TAG_TEMPLATE = 0xFF20;
  static final int TAG_OFFSETS = 0xDF21;
  private static final int[] TAGS = {0xDF22, 0xDF23, 0xDF24, 0xDF25};

  private final String name;
  private final String address;
  private final CardDate birthDate;
  private final Sex sex;
  private final byte[] encoded;

  private BasicInfo(String name, String address, CardDate birthDate, Sex sex, byte[] encoded) {
    this.name = name;
    this.address = address;
    this.birthDate = birthDate;
    this.sex = sex;
    this.encoded = encoded;
  }

  /**
   * Parses the content of text AP EF {@code 0002}.
   *
   * @param file the file's bytes from offset 0 (filler after the TLV is ignored)
   * @return the basic 4 info
   * @throws MalformedResponseException naming the offset of the first problem
   */
  public static BasicInfo parse(byte[] file) throws MalformedResponseException {
    return parse(file, "text AP EF 0002");
  }

  static BasicInfo parse(byte[] file, String source) throws MalformedResponseException {
    BerTlv outer = CardData.outer(file, TAG_TEMPLATE, source);
    BerTlv[] o = CardData.children(outer, TAG_OFFSETS, TAGS, source);
    return new BasicInfo(CardData.utf8(o[0], source), CardData.utf8(o[1], source),
        CardData.date(o[2], source), CardData.sex(o[3], source), outer.encoded());
  }

  /**
   * 氏名: family and given name separated by U+3000 (ideographic space), as on the card.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * 住所, from the prefecture; digits are full-width as on the card.
   *
   * @return the address
   */
  public String address() {
    return address;
  }

  /** @return 生年月日 (Gregorian) */
  public CardDate birthDate() {
    return birthDate;
  }

  /** @return 性別 */
  public Sex sex() {
    return sex;
  }

  /**
   * The {@code FF20} object exactly as read (without filler), for the integrity check (docs/card-protocol.md §6.4).
   *
   * @return a copy
   */
  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BasicInfo other && java.util.Arrays.equals(other.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(encoded);
  }

  /** @return {@code BasicInfo[<redacted>]}: personal data is never shown */
  @Override
  public String toString() {
    return "BasicInfo[<redacted>]";
  }
}
