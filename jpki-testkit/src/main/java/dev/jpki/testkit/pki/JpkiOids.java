// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

/** Object identifiers of the JPKI certificate profile (docs/card-protocol.md §9.2-§9.4), as dotted strings. */
public final class JpkiOids {
  private JpkiOids() {}

  /** Production signature-certificate policy {@code 1.2.392.200149.8.5.1.1.20} (docs/card-protocol.md §9.2). */
  public static final String POLICY_SIGN = "1.2.392.200149.8.5.1.1.20";

  /**
   * Production user-authentication policy {@code 1.2.392.200149.8.5.1.3.30} (docs/card-protocol.md §9.4: single
   * source, <b>UNCONFIRMED</b>).
   */
  public static final String POLICY_AUTH = "1.2.392.200149.8.5.1.3.30";

  /**
   * Signature-certificate policy of the J-LIS test hierarchy {@code 1.2.392.200149.8.5.1.0.20} (docs/card-protocol.md
   * §9.4); the test PKI's signature certificates carry it.
   */
  public static final String POLICY_TEST_SIGN = "1.2.392.200149.8.5.1.0.20";

  /**
   * User-authentication policy of this test PKI, {@code 1.2.392.200149.8.5.1.2.30}. <b>Our choice</b>:
   * no source shows the J-LIS test value. By analogy with the signature policy, where the test arc is
   * one less than the production arc ({@code 1.20} to {@code 0.20}), the production {@code 3.30}
   * becomes {@code 2.30}.
   */
  public static final String POLICY_TEST_AUTH = "1.2.392.200149.8.5.1.2.30";

  /**
   * Smartphone signature-certificate policy {@code 1.2.392.200149.8.5.1.1.40} (docs/card-protocol.md §9.4: research note
   * only, <b>UNCONFIRMED</b>). The test PKI does not use it: smartphone personas carry the ordinary
   * test policies.
   */
  public static final String POLICY_SMARTPHONE_SIGN = "1.2.392.200149.8.5.1.1.40";

  /** Arc of the subjectAltName otherName types (docs/card-protocol.md §9.3). */
  public static final String SAN_ARC = "1.2.392.200149.8.5.5";

  /** SAN otherName 氏名 (name), docs/card-protocol.md §9.3. */
  public static final String SAN_NAME = SAN_ARC + ".1";

  /** SAN otherName name substitute-character map, docs/card-protocol.md §9.3. */
  public static final String SAN_NAME_SUBSTITUTION = SAN_ARC + ".2";

  /** SAN otherName 性別 (sex: 1 male, 2 female, 3 unknown), docs/card-protocol.md §9.3. */
  public static final String SAN_SEX = SAN_ARC + ".3";

  /** SAN otherName 生年月日 ({@code EYYYYMMDD}), docs/card-protocol.md §9.3. */
  public static final String SAN_BIRTH_DATE = SAN_ARC + ".4";

  /** SAN otherName 住所 (address), docs/card-protocol.md §9.3. */
  public static final String SAN_ADDRESS = SAN_ARC + ".5";

  /** SAN otherName address substitute-character map, docs/card-protocol.md §9.3. */
  public static final String SAN_ADDRESS_SUBSTITUTION = SAN_ARC + ".6";
}
