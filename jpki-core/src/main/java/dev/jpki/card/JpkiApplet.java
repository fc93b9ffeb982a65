// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.apdu.CardStatusException;
import dev.jpki.JpkiException;
import dev.jpki.internal.LoginMessage;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.internal.StatusWord;
import dev.jpki.apdu.TransportException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The JPKI application (公的個人認証AP, docs/card-protocol.md §5): the user-authentication and signature certificates,
 * their CA certificates, the two private keys, and their credentials.
 *
 * <p>Bound to its {@link MyNumberCard} session; every method SELECTs the JPKI AP if it is not the
 * current application, so methods of different applets can be mixed freely (switching applications
 * clears verified credentials, docs/card-protocol.md §5.3). Blocking; confined to the session's thread.
 *
 * <pre>{@code
 * JpkiApplet jpki = card.jpki();
 * X509Certificate cert = jpki.authCertificate();
 * CardSignature sig = jpki.sign(password, document);  // VERIFY, SHA-256, sign: WrongPinException, ...
 * }</pre>
 *
 * <p>{@link #sign(Pin, byte[], VerifyOption...)} is the call for "sign this document": the credential
 * picks the key and the hashing happens inside. {@link #signDigestInfo} and {@link #signHash} are the
 * building blocks for callers that hash elsewhere (a JCA provider, a CMS or PDF library).
 */
public final class JpkiApplet extends Applet {
  /** JPKI EF 0006: token info, whose label tells card from smartphone (docs/card-protocol.md §5.1). */
  static final int EF_TOKEN_INFO = 0x0006;
  /** Largest DigestInfo an RSA-2048 key can sign with PKCS#1 v1.5: k − 11 = 245 bytes (docs/card-protocol.md §5.3). */
  static final int MAX_SIGNING_INPUT = 245;
  /** P2 of COMPUTE DIGITAL SIGNATURE: the key EF currently selected (docs/card-protocol.md §3.1, §5.3). */
  private static final int P2_SELECTED_KEY = 0x80;


  JpkiApplet(MyNumberCard session) {
    super(session, Application.JPKI);
  }

  /**
   * What kind of token this is, from the token label (JPKI EF {@code 0006}): physical card or smartphone.
   * Read once per session.
   *
   * @return the token type, {@link TokenType#UNKNOWN} for a label this SDK does not know
   * @throws ApplicationNotFoundException if the card has no JPKI AP
   * @throws MalformedResponseException if the label is unreadable
   * @throws CardStatusException if the card refuses
   * @throws TransportException if the exchange fails
   */
  public TokenType token() throws JpkiException {
    return session.token();
  }

  /**
   * The user-authentication certificate (EF {@code 000A}); a physical card needs no PIN for it. A
   * smartphone token wants the authentication PIN first (docs/card-protocol.md §5.2): use {@link #authCertificate(Pin,
   * VerifyOption...)}.
   *
   * @return the certificate
   * @throws SecurityStatusException if the token requires the PIN (smartphone)
   * @throws MalformedResponseException if the file is not a valid certificate
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public X509Certificate authCertificate() throws JpkiException {
    return certificate(KeyType.AUTHENTICATION);
  }

  /**
   * Verifies the user-authentication PIN, then reads the user-authentication certificate: what a
   * smartphone token requires (docs/card-protocol.md §5.2), harmless on a card.
   *
   * @param pin the authentication PIN
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @return the certificate
   * @throws PinException if the PIN is wrong, blocked, or its last try was protected
   * @throws MalformedResponseException if the file is not a valid certificate
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails (during VERIFY: {@link
   *     TransportException#outcomeUnknown()})
   */
  public X509Certificate authCertificate(Pin pin, VerifyOption... options) throws JpkiException {
    requireType(pin, PinType.AUTHENTICATION);
    return session.exclusively(() -> {
      verify(pin, options);
      return certificate(KeyType.AUTHENTICATION);
    });
  }

  /**
   * Verifies the signature password, then reads the signature certificate (EF {@code 0001}), which the
   * password protects (docs/card-protocol.md §5.1). The certificate carries the holder's name, address, birth date and
   * sex: personal data.
   *
   * @param password the signature password
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @return the certificate
   * @throws PinException if the password is wrong, blocked, or its last try was protected
   * @throws MalformedResponseException if the file is not a valid certificate
   * @throws CardStatusException if the card refuses otherwise (e.g. no signature certificate)
   * @throws TransportException if the exchange fails (during VERIFY: outcome unknown)
   */
  public X509Certificate signatureCertificate(Pin password, VerifyOption... options) throws JpkiException {
    requireType(password, PinType.SIGNATURE);
    return session.exclusively(() -> {
      verify(password, options);
      return certificate(KeyType.SIGNATURE);
    });
  }

  /**
   * The certificate of a key. The signature certificate needs the signature password verified in this
   * session ({@link #verify}); the authentication certificate needs nothing on a physical card.
   *
   * @param key which certificate
   * @return the certificate (read once per session)
   * @throws SecurityStatusException if the card wants a credential that is not verified
   * @throws MalformedResponseException if the file is not a valid certificate
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails
   */
  public X509Certificate certificate(KeyType key) throws JpkiException {
    int fid = key.certificateFid();
    try {
      return parseCertificate(session.readTlvFile(Application.JPKI, fid), fid);
    } catch (SecurityStatusException e) {
      String hint = key == KeyType.SIGNATURE
          ? "the signature password"
          : "the user-authentication PIN (smartphone JPKI tokens require it, docs/card-protocol.md §5.2)";
      throw session.readRefused(Application.JPKI, fid, hint, e);
    } catch (CardStatusException e) {
      if (e.sw() == StatusWord.FILE_NOT_FOUND && !(e instanceof ApplicationNotFoundException)) {
        // Holders under 15 and face-auth cards have no signature certificate (docs/card-protocol.md §9.1, §4.3).
        throw new CardStatusException(e.sw(), e.ins(), "this card has no " + key.label() + " certificate ("
            + MyNumberCard.source(Application.JPKI, fid) + " not found, SW=6A82)");
      }
      throw e;
    }
  }

  /**
   * The CA certificate stored next to a key's certificate (EF {@code 000B} / {@code 0002}); readable
   * without a credential. Never trust it for verification: use pinned J-LIS roots (docs/design.md).
   *
   * @param key which CA
   * @return the certificate (read once per session)
   * @throws MalformedResponseException if the file is not a valid certificate
   * @throws CardStatusException if the card refuses
   * @throws TransportException if the exchange fails
   */
  public X509Certificate caCertificate(KeyType key) throws JpkiException {
    int fid = key.caCertificateFid();
    return parseCertificate(session.readTlvFile(Application.JPKI, fid), fid);
  }

  static X509Certificate parseCertificate(byte[] der, int fid) throws MalformedResponseException {
    String source = MyNumberCard.source(Application.JPKI, fid);
    if (der.length == 0 || der[0] != 0x30) {
      throw new MalformedResponseException(source, 0, "no certificate here: expected a DER SEQUENCE (tag 30)");
    }
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      // Some providers throw unchecked exceptions on garbage; either way the file is not a certificate.
      throw new MalformedResponseException(source, -1, "not a valid X.509 certificate", e);
    }
  }

  /**
   * Reads a credential's retry counter without spending a try (empty VERIFY, docs/card-protocol.md §4.2).
   *
   * @param type {@link PinType#AUTHENTICATION} or {@link PinType#SIGNATURE}
   * @return the status
   * @throws IllegalArgumentException for another type (no APDU sent)
   * @throws CardStatusException if the card answers something that is not a counter
   * @throws TransportException if the exchange fails
   */
  public PinStatus pinStatus(PinType type) throws JpkiException {
    return statusOf(type);
  }

  /**
   * Checks a credential under the PIN safety contract: the value is sent in exactly one VERIFY and
   * never retried. Unless {@link VerifyOption#ALLOW_LAST_TRY} is passed, the counter is read first with
   * the free empty VERIFY (one more APDU) and the value is not sent when the credential is blocked or
   * has one try left.
   *
   * @param pin the authentication PIN or the signature password
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @throws IllegalArgumentException if the credential is not one of this application's (no APDU)
   * @throws IllegalStateException if the pin or the session is closed (no APDU)
   * @throws WrongPinException with the tries left, if the card refused the value
   * @throws PinBlockedException if the credential is or became blocked
   * @throws LastTryRefusedException if one try is left and the option was not given (no try spent)
   * @throws CardStatusException if the credential does not exist or the card refuses otherwise
   * @throws TransportException if the exchange fails; during VERIFY {@link
   *     TransportException#outcomeUnknown()} is true: read the counter before trying again
   */
  public void verify(Pin pin, VerifyOption... options) throws JpkiException {
    verifyIn(pin, options);
  }

  /**
   * Whether this session verified the credential in the JPKI AP and nothing (such as selecting another
   * application) has cleared it since. No APDU.
   *
   * @param type the credential
   * @return true if verified, as far as this session knows
   */
  public boolean isVerified(PinType type) {
    return verifiedIn(type);
  }

  /**
   * Signs a document in one call: checks the credential under the PIN safety contract (as {@link
   * #verify}), hashes the document with SHA-256, has the card sign the hash's DigestInfo with the key
   * that belongs to the credential, and returns the signature with that key's certificate. The
   * authentication PIN signs with the user-authentication key (login, proof of presence), the signature
   * password with the signature key (documents). VERIFY, signature and certificate read run under one
   * exclusive hold of the card, released before returning; the credential is sent once and never again
   * if the signature fails. Any standard verifier accepts the result as {@code SHA256withRSA} ({@link
   * CardSignature#jcaSignatureAlgorithm()}).
   *
   * @param pin the authentication PIN or the signature password
   * @param document the bytes to sign (any length: only their hash goes to the card)
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @return the signature, its algorithm, the key type and the key's certificate
   * @throws IllegalArgumentException if the credential is not the authentication PIN or the signature
   *     password (no APDU)
   * @throws IllegalStateException if the pin or the session is closed (no APDU)
   * @throws WrongPinException with the tries left, if the card refused the credential
   * @throws PinBlockedException if the credential is or became blocked
   * @throws LastTryRefusedException if one try is left and the option was not given (no try spent)
   * @throws MalformedResponseException if the certificate or the signature is malformed
   * @throws CardStatusException if the card refuses otherwise (e.g. a card without a signature
   *     certificate)
   * @throws TransportException if the exchange fails (during VERIFY: {@link
   *     TransportException#outcomeUnknown()})
   */
  public CardSignature sign(Pin pin, byte[] document, VerifyOption... options) throws JpkiException {
    return sign(pin, HashAlgorithm.SHA256, document, options);
  }

  /**
   * Signs a document in one call with a chosen hash algorithm; otherwise exactly as {@link #sign(Pin,
   * byte[], VerifyOption...)}. SHA-256 is what JPKI verifiers expect; SHA-1 only for legacy verifiers.
   *
   * @param pin the authentication PIN or the signature password
   * @param algorithm the hash algorithm applied to {@code document}
   * @param document the bytes to sign (any length)
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @return the signature, its algorithm, the key type and the key's certificate
   * @throws IllegalArgumentException if the credential is not the authentication PIN or the signature
   *     password (no APDU)
   * @throws IllegalStateException if the pin or the session is closed (no APDU)
   * @throws PinException if the credential is wrong, blocked, or its last try was protected
   * @throws MalformedResponseException if the certificate or the signature is malformed
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails (during VERIFY: outcome unknown)
   */
  public CardSignature sign(Pin pin, HashAlgorithm algorithm, byte[] document, VerifyOption... options)
      throws JpkiException {
    KeyType key = keyFor(pin.type());
    byte[] digestInfo = algorithm.digestInfo(algorithm.digest(document));
    return session.exclusively(() -> {
      byte[] signature = verifyAndSign(key, pin, digestInfo, options);
      // Read after signing: the signature certificate is readable only once the password is verified
      // (docs/card-protocol.md §5.1); a failed signature then costs no certificate read. Cached per session.
      return new CardSignature(signature, algorithm, key, certificate(key));
    });
  }

  /** The key a credential opens; anything but the two JPKI credentials is refused before any APDU. */
  private static KeyType keyFor(PinType type) {
    for (KeyType key : KeyType.values()) {
      if (key.pinType() == type) {
        return key;
      }
    }
    throw new IllegalArgumentException("sign with the " + PinType.AUTHENTICATION.label() + " or the "
        + PinType.SIGNATURE.label() + ", not the " + type.label());
  }

  /**
   * Signs a DER DigestInfo with a card key ({@code 80 2A 00 80} after SELECT of key EF {@code 0017} or
   * {@code 001A}, docs/card-protocol.md §5.3); the card applies PKCS#1 v1.5 padding. Requires the key's credential
   * verified in this session.
   *
   * @param key which key
   * @param digestInfo DigestInfo (1..245 bytes), e.g. from {@link HashAlgorithm#digestInfo(byte[])}
   * @return the RSA signature (256 bytes for RSA-2048)
   * @throws IllegalArgumentException if the input is empty or longer than 245 bytes (no APDU)
   * @throws SecurityStatusException if the credential is not verified (the message says why, e.g. that
   *     selecting another application cleared it)
   * @throws CardStatusException if the card refuses otherwise
   * @throws MalformedResponseException if the card returns no signature
   * @throws TransportException if the exchange fails
   */
  public byte[] signDigestInfo(KeyType key, byte[] digestInfo) throws JpkiException {
    if (digestInfo.length < 1 || digestInfo.length > MAX_SIGNING_INPUT) {
      throw new IllegalArgumentException("signing input must be 1 to " + MAX_SIGNING_INPUT + " bytes (a DigestInfo)");
    }
    session.checkOpen();
    return session.exclusively(() -> {
      session.selectEf(Application.JPKI, key.keyFid());
      return session.computeSignature(Application.JPKI, P2_SELECTED_KEY, digestInfo, key.pinType(),
          "COMPUTE DIGITAL SIGNATURE with the " + key.label() + " key");
    });
  }

  /**
   * Verifies the key's credential and signs a DER DigestInfo as one operation: both run under one
   * exclusive hold of the card (a PC/SC transaction), released before returning, so no other program can
   * come between them and no transaction stays open while the user thinks. The credential is sent once;
   * if the signature then fails, it is not sent again.
   *
   * @param key which key; {@code pin} must be its credential
   * @param pin the authentication PIN or the signature password
   * @param digestInfo DigestInfo (1..245 bytes)
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @return the RSA signature
   * @throws IllegalArgumentException if the PIN is not the key's credential or the input is out of range
   *     (no APDU)
   * @throws PinException if the credential is wrong, blocked, or its last try was protected
   * @throws SecurityStatusException if the card refuses the signature although the credential was accepted
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails (during VERIFY: outcome unknown)
   */
  public byte[] verifyAndSign(KeyType key, Pin pin, byte[] digestInfo, VerifyOption... options)
      throws JpkiException {
    requireType(pin, key.pinType());
    if (digestInfo.length < 1 || digestInfo.length > MAX_SIGNING_INPUT) {
      throw new IllegalArgumentException("signing input must be 1 to " + MAX_SIGNING_INPUT + " bytes (a DigestInfo)");
    }
    return session.exclusively(() -> {
      verify(pin, options);
      return signDigestInfo(key, digestInfo);
    });
  }

  /**
   * Signs a hash: wraps it in the algorithm's DigestInfo and calls {@link #signDigestInfo(KeyType, byte[])}.
   *
   * @param key which key
   * @param algorithm the hash algorithm that produced {@code hash}
   * @param hash the hash value
   * @return the RSA signature
   * @throws IllegalArgumentException if the hash length does not match the algorithm (no APDU)
   * @throws SecurityStatusException if the credential is not verified
   * @throws CardStatusException if the card refuses otherwise
   * @throws MalformedResponseException if the card returns no signature
   * @throws TransportException if the exchange fails
   */
  public byte[] signHash(KeyType key, HashAlgorithm algorithm, byte[] hash) throws JpkiException {
    return signDigestInfo(key, algorithm.digestInfo(hash));
  }

  /**
   * Signs a login: SHA-256 of the login message that binds {@code challenge} to {@code origin}, with the
   * user-authentication key (PKCS#1 v1.5). The message is
   * {@code "jpki-java login v1" 0x00 || len(origin) || origin || len(challenge) || challenge} (lengths
   * 2 bytes big-endian; the origin normalised to lower-case {@code scheme://host[:port]} without a default
   * port, ASCII). The server ({@code dev.jpki.verify.LoginVerifier}) rebuilds it with its own origin, so
   * the signature is useless to any other site, and the label means it is never a signature over a
   * document. Requires the authentication PIN verified in this session.
   *
   * @param origin the origin (or any URL) of the site the holder is logging in to, as the holder's
   *     software connected to it, never as the server claims it
   * @param challenge the server's challenge bytes (16 to 256)
   * @return the RSA signature
   * @throws IllegalArgumentException if the origin is not http(s) or the challenge length is out of range
   *     (no APDU)
   * @throws SecurityStatusException if the authentication PIN is not verified
   * @throws CardStatusException if the card refuses otherwise
   * @throws MalformedResponseException if the card returns no signature
   * @throws TransportException if the exchange fails
   */
  public byte[] signLogin(String origin, byte[] challenge) throws JpkiException {
    return signHash(KeyType.AUTHENTICATION, HashAlgorithm.SHA256, LoginMessage.sha256(origin, challenge));
  }

  /**
   * Changes the authentication PIN or the signature password: verifies {@code current} under the PIN
   * safety contract, then sends CHANGE REFERENCE DATA {@code 00 24 01 80} with {@code replacement}.
   *
   * @param current the current value
   * @param replacement the new value, of the same type
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @throws IllegalArgumentException if the types differ or are not JPKI credentials (no APDU)
   * @throws PinException if the current value is wrong, blocked, or its last try was protected
   * @throws CardStatusException if the card refuses the change
   * @throws TransportException if the exchange fails
   */
  public void changePin(Pin current, Pin replacement, VerifyOption... options) throws JpkiException {
    changeIn(current, replacement, options);
  }

  private static void requireType(Pin pin, PinType type) {
    if (pin.type() != type) {
      throw new IllegalArgumentException("expected the " + type.label() + ", got a " + pin.type().label());
    }
  }
}
