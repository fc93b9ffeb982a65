// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

/** The ways of proving age with the card (FAQ Q2-4 and the date-of-birth key; docs/faq-flows.md). */
public enum AgePattern {
  /**
   * Pattern 1: the signature certificate's birth date, with the signature password and a signature
   * over the verifier's challenge; the strongest (PIN-protected key, certificate chain, revocation).
   * Usable only by platform/service operators who can check revocation.
   */
  SIGNATURE_CERTIFICATE,
  /** Pattern 2: the card face read with 照合番号B; issuer-signed data and card-key liveness, no holder PIN. */
  CARD_FACE,
  /** Pattern 3: 照合番号B built from OCR-read fields, then pattern 2; the chip's birth date must equal the OCR's. */
  OCR,
  /** The date-of-birth key opens the age record: issuer-signed birth date and card-key liveness. */
  DATE_OF_BIRTH_KEY
}
