// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.Sex;
import java.time.LocalDate;

/**
 * The personal data a signature certificate carries (docs/card-protocol.md §9.1, §9.3): name, address, date of birth and
 * sex in the SAN, and the romanised prefecture and municipality in the subject DN ({@code L=}) and the
 * CRL partition.
 *
 * <p>Strings are stored exactly as encoded: the name with U+3000 between family and given name, the
 * address with full-width block numbers as on a real card (docs/card-protocol.md §6.3). The substitution maps hold one
 * digit per character ({@code 0} normal, {@code 1} substituted 外字, docs/card-protocol.md §9.3).
 *
 * <p>Security: {@link #toString()} never shows the personal data. Test data only, never a real person.
 *
 * @param name 氏名 (family, U+3000, given)
 * @param nameSubstitutionMap one digit per code point of {@code name}
 * @param address 住所
 * @param addressSubstitutionMap one digit per code point of {@code address}
 * @param birthDate 生年月日
 * @param sex 性別
 * @param prefecture romanised prefecture for the subject DN, e.g. {@code "Tokyo-to"}
 * @param municipality romanised municipality, e.g. {@code "Chiyoda-ku"}
 */
public record Holder(
    String name,
    String nameSubstitutionMap,
    String address,
    String addressSubstitutionMap,
    LocalDate birthDate,
    Sex sex,
    String prefecture,
    String municipality) {

  /** Validates lengths and map formats; messages name the field, never the value. */
  public Holder {
    requireText(name, "name", 100);
    requireText(address, "address", 200);
    requireText(prefecture, "prefecture", 64);
    requireText(municipality, "municipality", 64);
    requireMap(nameSubstitutionMap, name, "nameSubstitutionMap");
    requireMap(addressSubstitutionMap, address, "addressSubstitutionMap");
  }

  /**
   * A holder whose name and address have no substituted characters (maps of all {@code 0}).
   *
   * @param name 氏名, stored as given
   * @param address 住所, stored as given
   * @param birthDate 生年月日
   * @param sex 性別
   * @param prefecture romanised prefecture
   * @param municipality romanised municipality
   * @return the holder
   */
  public static Holder of(
      String name,
      String address,
      LocalDate birthDate,
      Sex sex,
      String prefecture,
      String municipality) {
    return new Holder(
        name, zeros(name), address, zeros(address), birthDate, sex, prefecture, municipality);
  }

  private static String zeros(String s) {
    return "0".repeat(s.codePointCount(0, s.length()));
  }

  private static void requireText(String s, String field, int maxCodePoints) {
    int n = s.codePointCount(0, s.length());
    if (n == 0 || n > maxCodePoints) {
      throw new IllegalArgumentException(field + " must have 1.." + maxCodePoints + " characters");
    }
  }

  private static void requireMap(String map, String text, String field) {
    if (map.length() != text.codePointCount(0, text.length())
        || !map.chars().allMatch(c -> c == '0' || c == '1')) {
      throw new IllegalArgumentException(
          field + " must have one '0' or '1' per character of the text it maps");
    }
  }

  @Override
  public String toString() {
    return "Holder[<personal data redacted>]";
  }
}
