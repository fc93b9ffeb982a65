// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.BerTlv;
import dev.jpki.apdu.MalformedResponseException;
import java.util.Arrays;

/**
 * Record 1 of common AP EF {@code 0001} (docs/card-protocol.md §8): simple-TLV {@code 01 1C} holding 28 ASCII digits —
 * the 15-digit card serial number, the 5-digit municipality code and the expiry date {@code YYYYMMDD}.
 *
 * <p>Security: the serial number identifies the card and the municipality code its holder's area;
 * {@link #toString()} shows neither. Immutable.
 */
public final class CommonRecord {
  private static final int TAG = 0x01;
  private static final int LENGTH = 28;

  private final String serialNumber;
  private final String municipalityCode;
  private final CardDate expiryDate;
  private final byte[] encoded;

  private CommonRecord(String serialNumber, String municipalityCode, CardDate expiryDate, byte[] encoded) {
    this.serialNumber = serialNumber;
    this.municipalityCode = municipalityCode;
    this.expiryDate = expiryDate;
    this.encoded = encoded;
  }

  /**
   * Parses record 1.
   *
   * @param record the record's bytes
   * @return the values
   * @throws MalformedResponseException naming the offset of the first problem
   */
  public static CommonRecord parse(byte[] record) throws MalformedResponseException {
    return parse(record, "common AP EF 0001 record 1");
  }

  static CommonRecord parse(byte[] record, String source) throws MalformedResponseException {
    BerTlv t = CardData.outer(record, TAG, source);
    String all = CardData.digits(t, LENGTH, source);
    CardDate expiry;
    try {
      expiry = CardDate.parseCompact(all.substring(20, 28));
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(source, t.valueOffset() + 20, "expiry is not a real date");
    }
    return new CommonRecord(all.substring(0, 15), all.substring(15, 20), expiry, t.encoded());
  }

  /** @return the 15-digit card serial number (製造番号) */
  public String serialNumber() {
    return serialNumber;
  }

  /** @return the 5-digit 全国地方公共団体コード of the issuing municipality */
  public String municipalityCode() {
    return municipalityCode;
  }

  /** @return the card's expiry date */
  public CardDate expiryDate() {
    return expiryDate;
  }

  /** @return a copy of the record's TLV */
  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommonRecord other && Arrays.equals(other.encoded, encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  /** @return {@code CommonRecord[<redacted>]} */
  @Override
  public String toString() {
    return "CommonRecord[<redacted>]";
  }
}
