// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.CardStatusException;
import dev.jpki.JpkiException;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.apdu.TransportException;

/**
 * The visual application (券面事項確認AP, docs/card-protocol.md §7): the card face (photo, name and address images,
 * dates, sex, card key, issuer signature), the age record, and the card-key challenge.
 *
 * <p>Credentials (docs/card-protocol.md §7.1): 照合番号A or B open the card face (EF {@code 0002}); the date-of-birth key
 * opens the age record (EF {@code 0001}). Bound to its session; selects the visual AP when needed.
 * Blocking; confined to the session's thread.
 *
 * <p>Security: the card face is personal data, including a photo.
 */
public final class VisualApplet extends Applet {
  static final int EF_AGE_RECORD = 0x0001;
  static final int EF_CARD_FACE = 0x0002;
  static final int EF_CVC = 0x0004;


  VisualApplet(MyNumberCard session) {
    super(session, Application.VISUAL);
  }

  /**
   * Reads a credential's retry counter without spending a try (docs/card-protocol.md §4.2).
   *
   * @param type {@link PinType#DATE_OF_BIRTH}, {@link PinType#VERIFICATION_A} or {@link
   *     PinType#VERIFICATION_B}
   * @return the status
   * @throws IllegalArgumentException for another type (no APDU)
   * @throws CardStatusException if the card answers something that is not a counter
   * @throws TransportException if the exchange fails
   */
  public PinStatus pinStatus(PinType type) throws JpkiException {
    return statusOf(type);
  }

  /**
   * Checks 照合番号A, 照合番号B or the date-of-birth key under the PIN safety contract (see {@link
   * JpkiApplet#verify}).
   *
   * @param pin the credential
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @throws IllegalArgumentException if the credential is not one of this application's (no APDU)
   * @throws WrongPinException with the tries left, if the card refused the value
   * @throws PinBlockedException if the credential is or became blocked
   * @throws LastTryRefusedException if one try is left and the option was not given (no try spent)
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails (during VERIFY: outcome unknown)
   */
  public void verify(Pin pin, VerifyOption... options) throws JpkiException {
    verifyIn(pin, options);
  }

  /**
   * Whether this session verified the credential in the visual AP and nothing has cleared it since.
   *
   * @param type the credential
   * @return true if verified, as far as this session knows
   */
  public boolean isVerified(PinType type) {
    return verifiedIn(type);
  }

  /**
   * The card face (EF {@code 0002}); requires 照合番号A or B verified.
   *
   * @return the card face, offset table validated
   * @throws SecurityStatusException if neither credential is verified
   * @throws MalformedResponseException naming the offset, if the layout is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public CardFace cardFace() throws JpkiException {
    return CardFace.parse(cardFaceFile(), MyNumberCard.source(Application.VISUAL, EF_CARD_FACE));
  }

  /**
   * Verifies 照合番号A or B, then reads the card face.
   *
   * @param pin the credential
   * @param options verify options
   * @return the card face
   * @throws PinException if the credential is wrong, blocked, or its last try was protected
   * @throws MalformedResponseException if the layout is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public CardFace cardFace(Pin pin, VerifyOption... options) throws JpkiException {
    TextApplet.requireOneOf(pin, PinType.VERIFICATION_A, PinType.VERIFICATION_B);
    return session.exclusively(() -> {
      verify(pin, options);
      return cardFace();
    });
  }

  /**
   * The {@code FF20} object of EF {@code 0002} exactly as stored (filler excluded).
   *
   * @return the TLV bytes
   * @throws SecurityStatusException if neither 照合番号A nor B is verified
   * @throws MalformedResponseException if the TLV header is broken or the file too short
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public byte[] cardFaceFile() throws JpkiException {
    try {
      return session.readTlvFile(Application.VISUAL, EF_CARD_FACE);
    } catch (SecurityStatusException e) {
      throw session.readRefused(Application.VISUAL, EF_CARD_FACE, "verification code A or B", e);
    }
  }

  /**
   * The age record (EF {@code 0001}, docs/card-protocol.md §7.4); requires the date-of-birth key verified.
   *
   * @return the record
   * @throws SecurityStatusException if the date-of-birth key is not verified
   * @throws MalformedResponseException naming the offset, if the layout is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public AgeRecord ageRecord() throws JpkiException {
    byte[] file;
    try {
      file = session.readTlvFile(Application.VISUAL, EF_AGE_RECORD);
    } catch (SecurityStatusException e) {
      throw session.readRefused(Application.VISUAL, EF_AGE_RECORD, "the date-of-birth key", e);
    }
    return AgeRecord.parse(file, MyNumberCard.source(Application.VISUAL, EF_AGE_RECORD));
  }

  /**
   * Verifies the date-of-birth key, then reads the age record.
   *
   * @param dateOfBirthKey the key
   * @param options verify options
   * @return the record
   * @throws PinException if the key is wrong, blocked, or its last try was protected
   * @throws MalformedResponseException if the layout is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public AgeRecord ageRecord(Pin dateOfBirthKey, VerifyOption... options) throws JpkiException {
    TextApplet.requireOneOf(dateOfBirthKey, PinType.DATE_OF_BIRTH);
    return session.exclusively(() -> {
      verify(dateOfBirthKey, options);
      return ageRecord();
    });
  }

  /**
   * The visual AP's card-verifiable certificate (EF {@code 0004}, docs/card-protocol.md §6.5, §7.1); no credential.
   *
   * @return the {@code 7F21} TLV bytes
   * @throws MalformedResponseException if the TLV header is broken
   * @throws CardStatusException if the card refuses
   * @throws TransportException if the exchange fails
   */
  public byte[] cardVerifiableCertificate() throws JpkiException {
    return session.readTlvFile(Application.VISUAL, EF_CVC);
  }

  /**
   * Has the card key sign a challenge ({@code 80 2A 00 00} with DigestInfo(SHA-256(challenge)), docs/card-protocol.md
   * §7.3 step 5): liveness, proof that the chip is present. Verify the result with {@link
   * CardFace#isChallengeSignatureValid} for a quick check, or with jpki-verify.
   *
   * @param challenge fresh random bytes (at least 1)
   * @return the card's PKCS#1 v1.5 signature
   * @throws IllegalArgumentException if the challenge is empty (no APDU)
   * @throws SecurityStatusException if the card wants a credential first
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public byte[] signChallenge(byte[] challenge) throws JpkiException {
    return TextApplet.cardKeySignature(session, Application.VISUAL, challenge);
  }
}
