// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.time.Instant;

/**
 * One revoked certificate: serial, date and reason (docs/card-protocol.md §9.6 lists affiliationChanged for name or
 * address changes, superseded, keyCompromise, cessationOfOperation and certificateHold).
 *
 * @param serial the certificate serial number
 * @param revocationDate when it was revoked (second precision on the wire)
 * @param reason the reason; {@link CRLReason#UNSPECIFIED} is written without a reasonCode extension
 *     (RFC 5280 §5.3.1)
 */
public record CrlEntry(BigInteger serial, Instant revocationDate, CRLReason reason) {
  /** Rejects non-positive serials and reason {@code UNUSED}. */
  public CrlEntry {
    if (serial.signum() <= 0) {
      throw new IllegalArgumentException("serial must be positive");
    }
    if (reason == CRLReason.UNUSED) {
      throw new IllegalArgumentException("CRLReason.UNUSED (7) is not a valid reason code");
    }
  }

  /**
   * The RFC 5280 {@code CRLReason} code of this revocation's reason.
   *
   * @return 0..10 (never 7)
   */
  public int reasonCode() {
    return code(reason);
  }

  /** RFC 5280 §5.3.1 code of a reason; spelled out rather than relying on enum order. */
  static int code(CRLReason reason) {
    switch (reason) {
      case UNSPECIFIED:
        return 0;
      case KEY_COMPROMISE:
        return 1;
      case CA_COMPROMISE:
        return 2;
      case AFFILIATION_CHANGED:
        return 3;
      case SUPERSEDED:
        return 4;
      case CESSATION_OF_OPERATION:
        return 5;
      case CERTIFICATE_HOLD:
        return 6;
      case REMOVE_FROM_CRL:
        return 8;
      case PRIVILEGE_WITHDRAWN:
        return 9;
      case AA_COMPROMISE:
        return 10;
      default:
        throw new IllegalArgumentException("no RFC 5280 code for " + reason);
    }
  }
}
