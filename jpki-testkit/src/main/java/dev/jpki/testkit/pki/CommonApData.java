// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The common-card AP record and the MF-level GET DATA objects (docs/card-protocol.md §8). Pure functions.
 */
public final class CommonApData {
  /** Contact ATR without TS, the value of GET DATA {@code 5F51} (docs/card-protocol.md §1, §8). */
  private static final byte[] ATR_WITHOUT_TS = {
    (byte) 0xE0, 0x00, (byte) 0xFF, (byte) 0x81, 0x31, (byte) 0xFE, 0x45, 0x14
  };

  private CommonApData() {}

  /**
   * Record 1 of common AP EF 0001: simple-TLV {@code 01 1C} + 28 ASCII digits = 15-digit card serial,
   * 5-digit municipality code, expiry {@code YYYYMMDD} (docs/card-protocol.md §8).
   *
   * @param cardSerial 15 ASCII digits
   * @param municipalityCode 5 ASCII digits
   * @param expiry the card expiry
   * @return 30 bytes
   */
  public static byte[] record(String cardSerial, String municipalityCode, LocalDate expiry) {
    if (!cardSerial.matches("[0-9]{15}") || !municipalityCode.matches("[0-9]{5}")) {
      throw new IllegalArgumentException("card serial needs 15 digits, municipality code 5 digits");
    }
    String digits = cardSerial + municipalityCode + expiry.format(DateTimeFormatter.BASIC_ISO_DATE);
    return Tlv.of(0x01, digits.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * MF-level GET DATA objects (docs/card-protocol.md §8): {@code 0045} card identification number (ASCII), {@code
   * 00F0} municipality code, {@code 00F2} expiry {@code YYYYMMDD}, {@code 5F51} contact ATR without
   * TS. The GP/CVC objects ({@code 0042}, {@code 0066}, {@code 00F7}, {@code 00F8}, {@code 7F21}) are
   * left out: their content is not documented and presence varies by card.
   *
   * @param cardSerial 15 ASCII digits
   * @param municipalityCode 5 ASCII digits
   * @param expiry the card expiry
   * @return tag to value, ordered by tag
   */
  public static Map<Integer, byte[]> mfDataObjects(
      String cardSerial, String municipalityCode, LocalDate expiry) {
    Map<Integer, byte[]> m = new TreeMap<>();
    m.put(0x0045, cardSerial.getBytes(StandardCharsets.US_ASCII));
    m.put(0x00F0, municipalityCode.getBytes(StandardCharsets.US_ASCII));
    m.put(0x00F2, expiry.format(DateTimeFormatter.BASIC_ISO_DATE).getBytes(StandardCharsets.US_ASCII));
    m.put(0x5F51, ATR_WITHOUT_TS.clone());
    return m;
  }
}
