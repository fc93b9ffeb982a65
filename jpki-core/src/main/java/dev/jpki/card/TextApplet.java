// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.BerTlv;
import dev.jpki.apdu.CardStatusException;
import dev.jpki.JpkiException;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.apdu.TransportException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The text application (券面事項入力補助AP, docs/card-protocol.md §6): My Number, the basic 4 info, and the data that
 * proves them genuine (integrity record, card-verifiable certificate, signed card key).
 *
 * <p>Credentials (docs/card-protocol.md §6.1): the text-AP PIN opens everything; 照合番号A opens the My Number (EF {@code
 * 0001}) but not the 4 info; 照合番号B opens the 4 info (EF {@code 0002}) but not the My Number.
 * Bound to its session; selects the text AP when needed. Blocking; confined to the session's thread.
 *
 * <p>Security: My Number and the 4 info are personal data; the use of My Number is restricted by law.
 */
public final class TextApplet extends Applet {
  static final int EF_MY_NUMBER = 0x0001;
  static final int EF_BASIC_INFO = 0x0002;
  static final int EF_INTEGRITY = 0x0003;
  static final int EF_CVC = 0x0004;
  static final int EF_SIGNED_CARD_KEY = 0x0007;
  /** EF 0001 is {@code FF 10 0C} + 12 digits + {@code FF FF} filler: 17 physical bytes (docs/card-protocol.md §6.2). */
  static final int MY_NUMBER_FILE_LENGTH = 17;


  TextApplet(MyNumberCard session) {
    super(session, Application.TEXT);
  }

  /**
   * Reads a credential's retry counter without spending a try (docs/card-protocol.md §4.2).
   *
   * @param type {@link PinType#TEXT}, {@link PinType#VERIFICATION_A} or {@link PinType#VERIFICATION_B}
   * @return the status
   * @throws IllegalArgumentException for another type (no APDU)
   * @throws CardStatusException if the card answers something that is not a counter
   * @throws TransportException if the exchange fails
   */
  public PinStatus pinStatus(PinType type) throws JpkiException {
    return statusOf(type);
  }

  /**
   * Checks the text-AP PIN, 照合番号A or 照合番号B under the PIN safety contract (see {@link
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
   * Whether this session verified the credential in the text AP and nothing has cleared it since.
   *
   * @param type the credential
   * @return true if verified, as far as this session knows
   */
  public boolean isVerified(PinType type) {
    return verifiedIn(type);
  }

  /**
   * The My Number (EF {@code 0001}); requires the text-AP PIN or 照合番号A verified.
   *
   * @return the number, check digit validated
   * @throws SecurityStatusException if neither credential is verified
   * @throws MalformedResponseException if the file is malformed or its check digit is wrong
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public MyNumber myNumber() throws JpkiException {
    String source = MyNumberCard.source(Application.TEXT, EF_MY_NUMBER);
    BerTlv t = CardData.outer(myNumberFile(), 0xFF10, source);
    String digits = CardData.digits(t, 12, source);
    if (!MyNumber.isValid(digits)) {
      throw new MalformedResponseException(source, t.valueOffset() + 11, "My Number check digit is wrong");
    }
    return MyNumber.of(digits);
  }

  /**
   * Verifies {@code pin} (text-AP PIN or 照合番号A), then reads the My Number.
   *
   * @param pin the credential
   * @param options verify options
   * @return the number
   * @throws PinException if the credential is wrong, blocked, or its last try was protected
   * @throws MalformedResponseException if the file is malformed
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public MyNumber myNumber(Pin pin, VerifyOption... options) throws JpkiException {
    requireOneOf(pin, PinType.TEXT, PinType.VERIFICATION_A);
    return session.exclusively(() -> {
      verify(pin, options);
      return myNumber();
    });
  }

  /**
   * The physical content of EF {@code 0001} (17 bytes including the {@code FF FF} filler), over which
   * the integrity record's first digest is computed (docs/card-protocol.md §6.4).
   *
   * @return the 17 bytes
   * @throws SecurityStatusException if neither the text-AP PIN nor 照合番号A is verified
   * @throws MalformedResponseException if the file is shorter
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public byte[] myNumberFile() throws JpkiException {
    try {
      return session.readFixedFile(Application.TEXT, EF_MY_NUMBER, MY_NUMBER_FILE_LENGTH);
    } catch (SecurityStatusException e) {
      throw session.readRefused(Application.TEXT, EF_MY_NUMBER, "the text-AP PIN or verification code A", e);
    }
  }

  /**
   * The basic 4 info (EF {@code 0002}); requires the text-AP PIN or 照合番号B verified.
   *
   * @return the 4 info, offset table validated
   * @throws SecurityStatusException if neither credential is verified
   * @throws MalformedResponseException naming the offset, if the layout is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public BasicInfo basicInfo() throws JpkiException {
    return BasicInfo.parse(basicInfoFile(), MyNumberCard.source(Application.TEXT, EF_BASIC_INFO));
  }

  /**
   * Verifies {@code pin} (text-AP PIN or 照合番号B), then reads the basic 4 info.
   *
   * @param pin the credential
   * @param options verify options
   * @return the 4 info
   * @throws PinException if the credential is wrong, blocked, or its last try was protected
   * @throws MalformedResponseException if the layout is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public BasicInfo basicInfo(Pin pin, VerifyOption... options) throws JpkiException {
    requireOneOf(pin, PinType.TEXT, PinType.VERIFICATION_B);
    return session.exclusively(() -> {
      verify(pin, options);
      return basicInfo();
    });
  }

  /**
   * The {@code FF20} object of EF {@code 0002} exactly as stored (filler excluded).
   *
   * @return the TLV bytes
   * @throws SecurityStatusException if neither the text-AP PIN nor 照合番号B is verified
   * @throws MalformedResponseException if the TLV header is broken or the file too short
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public byte[] basicInfoFile() throws JpkiException {
    try {
      return session.readTlvFile(Application.TEXT, EF_BASIC_INFO);
    } catch (SecurityStatusException e) {
      throw session.readRefused(Application.TEXT, EF_BASIC_INFO, "the text-AP PIN or verification code B", e);
    }
  }

  /**
   * The integrity record (EF {@code 0003}, docs/card-protocol.md §6.4): SHA-256 of EF 0001, SHA-256 of the 4 info and the
   * issuer signature, for jpki-verify. Opens with any of the three credentials.
   *
   * @return the {@code FF30} TLV bytes
   * @throws SecurityStatusException if no credential is verified
   * @throws MalformedResponseException if the TLV header is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public byte[] integrityRecord() throws JpkiException {
    try {
      return session.readTlvFile(Application.TEXT, EF_INTEGRITY);
    } catch (SecurityStatusException e) {
      throw session.readRefused(Application.TEXT, EF_INTEGRITY, "any text AP credential", e);
    }
  }

  /**
   * The text AP's card-verifiable certificate (EF {@code 0004}, docs/card-protocol.md §6.5); no credential needed.
   *
   * @return the {@code 7F21} TLV bytes
   * @throws MalformedResponseException if the TLV header is broken
   * @throws CardStatusException if the card refuses
   * @throws TransportException if the exchange fails
   */
  public byte[] cardVerifiableCertificate() throws JpkiException {
    return session.readTlvFile(Application.TEXT, EF_CVC);
  }

  /**
   * The AP's signing key with the issuer's signature over it (EF {@code 0007}, docs/card-protocol.md §6.7), to verify
   * challenge signatures; opens with any of the three credentials.
   *
   * @return the {@code FF50} TLV bytes
   * @throws SecurityStatusException if no credential is verified
   * @throws MalformedResponseException if the TLV header is broken
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public byte[] signedCardKey() throws JpkiException {
    try {
      return session.readTlvFile(Application.TEXT, EF_SIGNED_CARD_KEY);
    } catch (SecurityStatusException e) {
      throw session.readRefused(Application.TEXT, EF_SIGNED_CARD_KEY, "any text AP credential", e);
    }
  }

  /**
   * Has the text AP's card key sign a challenge ({@code 80 2A 00 00} with DigestInfo(SHA-256(challenge)),
   * docs/card-protocol.md §3.1, §10 pattern B), proving the chip is present.
   *
   * @param challenge fresh random bytes (at least 1)
   * @return the card's PKCS#1 v1.5 signature
   * @throws IllegalArgumentException if the challenge is empty (no APDU)
   * @throws SecurityStatusException if the card wants a credential first
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public byte[] signChallenge(byte[] challenge) throws JpkiException {
    return cardKeySignature(session, Application.TEXT, challenge);
  }

  static byte[] cardKeySignature(MyNumberCard session, Application app, byte[] challenge) throws JpkiException {
    if (challenge.length == 0) {
      throw new IllegalArgumentException("challenge must not be empty");
    }
    byte[] digestInfo;
    try {
      digestInfo = HashAlgorithm.SHA256.digestInfo(MessageDigest.getInstance("SHA-256").digest(challenge));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    session.select(app);
    // P2 = 00: the application's default (card) key, no key EF selected (docs/card-protocol.md §3.1, §7.3 step 5).
    return session.computeSignature(app, 0x00, digestInfo, null,
        "card-key COMPUTE DIGITAL SIGNATURE in the " + app.label());
  }

  /**
   * Changes the text-AP PIN (CHANGE REFERENCE DATA {@code 00 24 01 80}, docs/card-protocol.md §3.1).
   *
   * @param current the current text-AP PIN
   * @param replacement the new text-AP PIN
   * @param options verify options
   * @throws IllegalArgumentException if the values are not text-AP PINs (no APDU)
   * @throws PinException if the current value is wrong, blocked, or its last try was protected
   * @throws CardStatusException if the card refuses the change
   * @throws TransportException if the exchange fails
   */
  public void changePin(Pin current, Pin replacement, VerifyOption... options) throws JpkiException {
    requireOneOf(current, PinType.TEXT);
    changeIn(current, replacement, options);
  }

  static void requireOneOf(Pin pin, PinType... types) {
    for (PinType t : types) {
      if (pin.type() == t) {
        return;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (PinType t : types) {
      sb.append(sb.length() == 0 ? "" : " or ").append(t.label());
    }
    throw new IllegalArgumentException("expected the " + sb + ", got a " + pin.type().label());
  }
}
