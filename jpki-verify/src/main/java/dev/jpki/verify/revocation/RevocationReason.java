// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import java.util.Optional;

/**
 * CRL/OCSP revocation reasons (RFC 5280 §5.3.1 CRLReason). J-LIS uses {@link #AFFILIATION_CHANGED}
 * when the holder's name or address changed, which lapses the signature certificate (docs/card-protocol.md §9.6, FAQ
 * Q3-4), and {@link #SUPERSEDED} on renewal.
 */
public enum RevocationReason {
  /** unspecified (0), also used when an entry carries no reason code. */
  UNSPECIFIED(0),
  /** keyCompromise (1). */
  KEY_COMPROMISE(1),
  /** cACompromise (2). */
  CA_COMPROMISE(2),
  /** affiliationChanged (3): for JPKI signature certificates, a change of name or address. */
  AFFILIATION_CHANGED(3),
  /** superseded (4): the certificate was renewed. */
  SUPERSEDED(4),
  /** cessationOfOperation (5): e.g. the card was returned or the holder died. */
  CESSATION_OF_OPERATION(5),
  /** certificateHold (6): suspended; treated as revoked while listed. */
  CERTIFICATE_HOLD(6),
  /** removeFromCRL (8): only meaningful in delta CRLs. */
  REMOVE_FROM_CRL(8),
  /** privilegeWithdrawn (9). */
  PRIVILEGE_WITHDRAWN(9),
  /** aACompromise (10). */
  AA_COMPROMISE(10);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /**
   * Returns the RFC 5280 code.
   *
   * @return the CRLReason value
   */
  public int code() {
    return code;
  }

  /**
   * Looks up a reason by its RFC 5280 code.
   *
   * @param code the CRLReason value
   * @return the reason, or empty for an unassigned code (7 or above 10)
   */
  public static Optional<RevocationReason> ofCode(int code) {
    for (RevocationReason r : values()) {
      if (r.code == code) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * A short human-readable description, without personal data.
   *
   * @return e.g. "affiliation changed (name or address change)"
   */
  public String description() {
    return switch (this) {
      case AFFILIATION_CHANGED -> "affiliation changed (name or address change lapses a JPKI signature certificate)";
      case SUPERSEDED -> "superseded (renewed)";
      case KEY_COMPROMISE -> "key compromise";
      case CA_COMPROMISE -> "CA compromise";
      case CESSATION_OF_OPERATION -> "cessation of operation";
      case CERTIFICATE_HOLD -> "certificate on hold";
      case REMOVE_FROM_CRL -> "remove from CRL";
      case PRIVILEGE_WITHDRAWN -> "privilege withdrawn";
      case AA_COMPROMISE -> "AA compromise";
      case UNSPECIFIED -> "unspecified";
    };
  }
}
