// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

/**
 * The two JPKI private keys and the files that go with them (docs/card-protocol.md §5.1).
 */
public enum KeyType {
  /** 利用者証明用: key {@code 0017}, PIN {@code 0018}, certificate {@code 000A}, CA {@code 000B}. */
  AUTHENTICATION(0x0017, PinType.AUTHENTICATION, 0x000A, 0x000B, "user-authentication"),
  /** 署名用: key {@code 001A}, password {@code 001B}, certificate {@code 0001}, CA {@code 0002}. */
  SIGNATURE(0x001A, PinType.SIGNATURE, 0x0001, 0x0002, "signature");

  private final int keyFid;
  private final PinType pinType;
  private final int certificateFid;
  private final int caCertificateFid;
  private final String label;

  KeyType(int keyFid, PinType pinType, int certificateFid, int caCertificateFid, String label) {
    this.keyFid = keyFid;
    this.pinType = pinType;
    this.certificateFid = certificateFid;
    this.caCertificateFid = caCertificateFid;
    this.label = label;
  }

  /** @return the private key's EF, selected before COMPUTE DIGITAL SIGNATURE (docs/card-protocol.md §5.3) */
  int keyFid() {
    return keyFid;
  }

  /** @return the credential that opens the key */
  public PinType pinType() {
    return pinType;
  }

  /** @return the EF of the holder certificate */
  int certificateFid() {
    return certificateFid;
  }

  /** @return the EF of the issuing CA certificate */
  int caCertificateFid() {
    return caCertificateFid;
  }

  /** @return {@code "user-authentication"} or {@code "signature"} */
  public String label() {
    return label;
  }
}
