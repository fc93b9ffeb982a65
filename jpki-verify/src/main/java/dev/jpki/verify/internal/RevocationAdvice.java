// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.card.KeyType;
import dev.jpki.verify.revocation.RevocationReason;

/**
 * What a revoked JPKI certificate means for its holder and what they must do (FAQ Q3-4,
 * docs/faq-flows.md). The signature certificate carries the basic 4 info, so it lapses on any change of
 * name or address (revocation reason affiliationChanged); the authentication certificate does not.
 * Internal: the flow verifiers put it into their revocation failures' messages, and jpki-cli's {@code
 * validity} prints it.
 */
public final class RevocationAdvice {
  private RevocationAdvice() {}

  /**
   * Explains a revocation for people.
   *
   * @param type which certificate was revoked
   * @param reason the revocation reason from the CRL or OCSP response
   * @return a sentence with the cause and what the holder must do
   */
  public static String explain(KeyType type, RevocationReason reason) {
    String cert = type == KeyType.SIGNATURE ? "signature certificate" : "authentication certificate";
    switch (reason) {
      case AFFILIATION_CHANGED:
        return type == KeyType.SIGNATURE
            ? "the signature certificate lapsed because the holder's name or address changed (marriage, a"
                + " move): the holder must have a new one issued at the municipal office when notifying the"
                + " change"
            : "the authentication certificate was revoked for a change of affiliation: the holder must have"
                + " it re-issued at the municipal office";
      case SUPERSEDED:
        return "the " + cert + " was replaced by a renewed one: use the new certificate (the new/old"
            + " certificate link service can relate the two)";
      case KEY_COMPROMISE:
        return "the " + cert + " was revoked because its key may be compromised (e.g. card lost or"
            + " stolen): the holder must report to the municipal office and have a new one issued";
      case CERTIFICATE_HOLD:
        return "the " + cert + " is suspended (e.g. card reported lost): the holder must contact the"
            + " municipal office or the card call centre";
      case CESSATION_OF_OPERATION:
        return "the " + cert + " ended (card returned, holder moved abroad or died): it cannot be used"
            + " again";
      default:
        return "the " + cert + " was revoked (" + reason.name().toLowerCase(java.util.Locale.ROOT)
            + "): the holder must have a new one issued at the municipal office";
    }
  }
}
