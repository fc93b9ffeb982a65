// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.flow;

import dev.jpki.JpkiException;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import dev.jpki.card.VerifyOption;
import java.security.cert.X509Certificate;

/**
 * The card half of PIN-less face-to-face confirmation (FAQ Q3-6, docs/faq-flows.md).
 *
 * <p>Legal conditions (the 2023 revision of the Public Personal Authentication Act): PIN-less use is
 * only for face-to-face settings or managed and monitored environments (facilities, terminals lent to
 * and managed for users), never online or outdoors; only for the second and later use, after a first
 * registration with the authentication PIN; only where a lower authentication strength than a PIN is
 * acceptable; and it requires checking the card's genuineness and the validity of the authentication
 * certificate. This class collects; jpki-verify's {@code FaceToFaceVerifier} checks all of that.
 *
 * <ol>
 *   <li>{@link #register}: first visit. The holder enters the authentication PIN (the authentication key
 *       signs the verifier's challenge) and 照合番号B or the date-of-birth key (the visual AP's card key
 *       signs the same challenge), which binds the card key to the certificate.
 *   <li>{@link #collect}: later visits, no PIN. 照合番号B (typed or built by OCR) or the date-of-birth key
 *       opens the visual AP; the card key signs the challenge; the authentication certificate and the
 *       common AP record (card expiry) are read without a credential.
 * </ol>
 */
public final class FaceToFaceCheck {
  private FaceToFaceCheck() {}

  /**
   * Collects registration evidence (first visit, with the authentication PIN).
   *
   * @param card an open card session
   * @param authPin the authentication PIN
   * @param visualCredential 照合番号B or the date-of-birth key
   * @param challenge the verifier's fresh challenge, 16 to 1024 bytes
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending a credential's last try
   * @return the evidence
   * @throws IllegalArgumentException if a credential has the wrong type or the challenge length is wrong
   *     (no APDU sent)
   * @throws dev.jpki.card.PinException if a credential is wrong or blocked
   * @throws JpkiException if the card or the transport fails
   */
  public static Evidence register(
      MyNumberCard card, Pin authPin, Pin visualCredential, byte[] challenge, VerifyOption... options)
      throws JpkiException {
    Collect.checkChallenge(challenge);
    Collect.requireType(authPin, PinType.AUTHENTICATION);
    Collect.requireType(visualCredential, PinType.VERIFICATION_B, PinType.DATE_OF_BIRTH);
    Evidence.Builder e = Evidence.builder(EvidenceKind.REGISTRATION).put(Evidence.CHALLENGE, challenge);
    Collect.visual(card, visualCredential, challenge, e, options);
    X509Certificate cert = card.jpki().authCertificate(authPin, options);
    e.put(Evidence.CERTIFICATE, Collect.der(cert));
    e.put(Evidence.CERTIFICATE_SIGNATURE, Collect.signChallenge(card, KeyType.AUTHENTICATION, challenge));
    return e.build();
  }

  /**
   * Collects face-to-face evidence (later visits, no PIN).
   *
   * @param card an open card session
   * @param visualCredential 照合番号B or the date-of-birth key
   * @param challenge the verifier's fresh challenge, 16 to 1024 bytes
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending a credential's last try
   * @return the evidence
   * @throws IllegalArgumentException if the credential has the wrong type or the challenge length is
   *     wrong (no APDU sent)
   * @throws dev.jpki.card.PinException if the credential is wrong or blocked
   * @throws dev.jpki.apdu.SecurityStatusException if the token wants the PIN for its authentication
   *     certificate (smartphone tokens: the flow is for physical cards)
   * @throws JpkiException if the card or the transport fails
   */
  public static Evidence collect(MyNumberCard card, Pin visualCredential, byte[] challenge, VerifyOption... options)
      throws JpkiException {
    Collect.checkChallenge(challenge);
    Collect.requireType(visualCredential, PinType.VERIFICATION_B, PinType.DATE_OF_BIRTH);
    Evidence.Builder e = Evidence.builder(EvidenceKind.FACE_TO_FACE).put(Evidence.CHALLENGE, challenge);
    Collect.visual(card, visualCredential, challenge, e, options);
    e.put(Evidence.CERTIFICATE, Collect.der(card.jpki().authCertificate()));
    e.put(Evidence.COMMON_RECORD, card.common().record().encoded());
    return e.build();
  }
}
