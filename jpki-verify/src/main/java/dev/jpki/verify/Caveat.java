// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

/**
 * A limit of what a VALID result proves, stated with the result so that callers do not read more into it.
 * A caveat never changes the status.
 */
public enum Caveat {
  /**
   * The text AP's data (My Number file EF 0001, basic 4 info file EF 0002) verified as issued by J-LIS, but
   * it is NOT proven to come from the chip at hand: the integrity record (EF 0003) that covers it is not
   * tied to the card key (EF 0007), which is signed separately, so text data copied from one card passes a
   * liveness check run on another card. A property of the card format (SECURITY.md, JPKI-2026-007). To
   * check that a person presents their own card, verify the visual AP's card face or age record and run
   * the liveness check with the key inside that signed data, or verify a JPKI signature.
   */
  TEXT_DATA_NOT_BOUND_TO_CHIP
}
