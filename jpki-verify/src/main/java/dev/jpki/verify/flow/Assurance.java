// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

/** How strongly a flow's answer is proven (the result's proven/not-proven lists give the details). */
public enum Assurance {
  /**
   * A PIN-protected JPKI key signed the verifier's fresh challenge; its certificate chains to a J-LIS
   * root and is not revoked: the holder's knowledge factor and a live, valid card.
   */
  CERTIFICATE_AND_PIN,
  /**
   * Issuer-signed card data and the card key's signature over the fresh challenge: a genuine chip is
   * present. No holder PIN: 照合番号B and the date-of-birth key are printed on or derivable from the card,
   * so whoever holds the card can pass; lower than {@link #CERTIFICATE_AND_PIN}.
   */
  CARD_DATA_AND_LIVENESS,
  /** Nothing was proven (the result is not VALID). */
  NONE
}
