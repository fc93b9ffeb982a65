// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.JpkiException;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import dev.jpki.card.VerifyOption;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/**
 * The card half of the age check (FAQ Q2-4, docs/faq-flows.md): collects the evidence for one of the
 * age patterns ({@code EvidenceKind.AGE_*}) on a card and the verifier's fresh challenge. The age is decided by jpki-verify's {@code
 * AgeVerifier} from the evidence alone; nothing here parses or trusts a birth date.
 *
 * <p>Card errors come as typed exceptions and spend tries as the card does: a wrong 照合番号B or
 * date-of-birth key gives {@link dev.jpki.card.WrongPinException} with the remaining tries, a blocked one
 * {@link dev.jpki.card.PinBlockedException}; malformed credentials and challenges are refused before any
 * APDU.
 */
public final class AgeCheck {
  private AgeCheck() {}

  /**
   * Collects age evidence with a credential; the credential's type picks the pattern, as it picks the key
   * in {@code sign(pin, document)}: the signature password gives {@link
   * EvidenceKind#AGE_SIGNATURE_CERTIFICATE} (FAQ pattern 1), 照合番号B gives {@link
   * EvidenceKind#AGE_CARD_FACE} (pattern 2), the date-of-birth key gives {@link
   * EvidenceKind#AGE_DATE_OF_BIRTH_KEY}. For OCR-read card-face fields (pattern 3) use {@link
   * #collectOcr}.
   *
   * @param card an open card session
   * @param credential the signature password, 照合番号B or the date-of-birth key (not closed here)
   * @param challenge the verifier's fresh challenge, 16 to 1024 bytes
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the credential's last try
   * @return the evidence to send to the verifier
   * @throws IllegalArgumentException if the credential is of another type or the challenge length is
   *     wrong (no APDU sent)
   * @throws dev.jpki.card.PinException if the credential is wrong or blocked
   * @throws JpkiException if the card or the transport fails
   */
  public static Evidence collect(MyNumberCard card, Pin credential, byte[] challenge, VerifyOption... options)
      throws JpkiException {
    Collect.checkChallenge(challenge);
    Collect.requireType(credential, PinType.SIGNATURE, PinType.VERIFICATION_B, PinType.DATE_OF_BIRTH);
    if (credential.type() == PinType.SIGNATURE) {
      Evidence.Builder e =
          Evidence.builder(EvidenceKind.AGE_SIGNATURE_CERTIFICATE).put(Evidence.CHALLENGE, challenge);
      X509Certificate cert = card.jpki().signatureCertificate(credential, options);
      e.put(Evidence.CERTIFICATE, Collect.der(cert));
      e.put(Evidence.CERTIFICATE_SIGNATURE, Collect.signChallenge(card, KeyType.SIGNATURE, challenge));
      return e.build();
    }
    EvidenceKind kind = credential.type() == PinType.VERIFICATION_B
        ? EvidenceKind.AGE_CARD_FACE
        : EvidenceKind.AGE_DATE_OF_BIRTH_KEY;
    Evidence.Builder e = Evidence.builder(kind).put(Evidence.CHALLENGE, challenge);
    Collect.visual(card, credential, challenge, e, options);
    return e.build();
  }

  /**
   * Collects age evidence from OCR-read card-face fields (pattern 3): builds 照合番号B from them, reads the
   * card face with it, and records the OCR birth date and expiry year so the verifier can compare them
   * with the chip.
   *
   * @param card an open card session
   * @param ocr validated OCR fields ({@link OcrFields#of})
   * @param challenge the verifier's fresh challenge, 16 to 1024 bytes
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending 照合番号B's last try
   * @return the evidence to send to the verifier
   * @throws IllegalArgumentException if the challenge length is wrong (no APDU sent)
   * @throws OcrFieldException if the birth date cannot be written as an era date
   * @throws dev.jpki.card.PinException if the built 照合番号B is wrong (e.g. misread digits) or blocked
   * @throws JpkiException if the card or the transport fails
   */
  public static Evidence collectOcr(MyNumberCard card, OcrFields ocr, byte[] challenge, VerifyOption... options)
      throws JpkiException {
    Collect.checkChallenge(challenge);
    Evidence.Builder e = Evidence.builder(EvidenceKind.AGE_OCR).put(Evidence.CHALLENGE, challenge);
    try (Pin b = ocr.verificationCodeB()) {
      Collect.visual(card, b, challenge, e, options);
    }
    e.put(Evidence.OCR_BIRTH_DATE, ocr.birthDate().toCompactString().getBytes(StandardCharsets.US_ASCII));
    e.put(Evidence.OCR_EXPIRY_YEAR, Integer.toString(ocr.expiryYear()).getBytes(StandardCharsets.US_ASCII));
    return e.build();
  }
}
