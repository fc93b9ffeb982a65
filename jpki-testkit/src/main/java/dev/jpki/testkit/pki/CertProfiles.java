// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.KeyType;

/**
 * What the test PKI derives from a certificate's key type: each type has its own root (J-LIS runs one
 * hierarchy per key type, docs/card-protocol.md §9.1 and §9.5), named by these organizational units.
 */
final class CertProfiles {
  private CertProfiles() {}

  /**
   * The first OU of the root DN, e.g. {@code "JPKI for digital signature"} (docs/card-protocol.md §9.1).
   *
   * @param type the key type
   * @return the OU value
   */
  static String organizationalUnit(KeyType type) {
    return type == KeyType.SIGNATURE ? "JPKI for digital signature" : "JPKI for user authentication";
  }

  /** The Japanese OU in the root's SAN DirName (docs/card-protocol.md §9.5). */
  static String japaneseUnit(KeyType type) {
    return type == KeyType.SIGNATURE ? "公的個人認証サービス署名用" : "公的個人認証サービス利用者証明用";
  }

  /**
   * Short lower-case name used in file names, key names and URIs: {@code "sign"} or {@code "auth"}.
   *
   * @param type the key type
   * @return the stem
   */
  static String fileStem(KeyType type) {
    return type == KeyType.SIGNATURE ? "sign" : "auth";
  }
}
