// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

/**
 * Which flow collected a piece of {@link Evidence}, and so which fields it carries. The four {@code
 * AGE_*} kinds are also the ways of proving age (FAQ Q2-4 and the date-of-birth key; docs/faq-flows.md)
 * that a verifier asks for.
 */
public enum EvidenceKind {
  /**
   * Age by the signature certificate (FAQ Q2-4 pattern 1): the signature certificate and a signature
   * key signature over the challenge (signature password verified). The strongest: PIN-protected key,
   * certificate chain, revocation; usable only by platform/service operators who can check revocation.
   */
  AGE_SIGNATURE_CERTIFICATE(1),
  /**
   * Age by the card face (FAQ Q2-4 pattern 2, 照合番号B): visual AP CVC, card-face file and a card key
   * signature over the challenge.
   */
  AGE_CARD_FACE(2),
  /**
   * Age by OCR (FAQ Q2-4 pattern 3): as {@link #AGE_CARD_FACE}, with 照合番号B built from OCR-read fields,
   * plus the OCR-read birth date and expiry year for comparison with the chip.
   */
  AGE_OCR(3),
  /** Age by the date-of-birth key: visual AP CVC, age record and a card key signature over the challenge. */
  AGE_DATE_OF_BIRTH_KEY(4),
  /**
   * First visit of the PIN-less face-to-face flow: authentication certificate and its key's signature
   * over the challenge (authentication PIN verified), plus the visual AP data binding the card key.
   */
  REGISTRATION(5),
  /**
   * Later visit of the PIN-less face-to-face flow (FAQ Q3-6): visual AP data and card key signature, the
   * authentication certificate read without a PIN, the common AP record (card expiry).
   */
  FACE_TO_FACE(6);

  private final int code;

  EvidenceKind(int code) {
    this.code = code;
  }

  /** The byte that encodes this kind (1..6) in {@link Evidence#toBytes()}. */
  int code() {
    return code;
  }

  static EvidenceKind ofCode(int code) throws EvidenceFormatException {
    for (EvidenceKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new EvidenceFormatException("unknown evidence kind " + code);
  }
}
