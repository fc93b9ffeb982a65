// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A person registered for PIN-less face-to-face confirmation: the relying party's account id bound to
 * the card key of the visual AP (the key the card signs liveness challenges with after 照合番号B or the
 * DOB key) and to the authentication certificate proven with the PIN at the first visit.
 *
 * <p>Only digests and the certificate's issuer and serial number are kept, never the certificate's
 * subject or any card-face data. {@link #toString()} shows none of the identifying values. Immutable.
 */
public final class Registration {
  private final String accountId;
  private final byte[] cardKeyDigest;
  private final byte[] authCertificateDigest;
  private final String authCertificateIssuer;
  private final BigInteger authCertificateSerial;
  private final Instant authCertificateNotAfter;
  private final Instant registeredAt;

  private Registration(
      String accountId,
      byte[] cardKeyDigest,
      byte[] authCertificateDigest,
      String authCertificateIssuer,
      BigInteger authCertificateSerial,
      Instant authCertificateNotAfter,
      Instant registeredAt) {
    if (accountId.isEmpty()) {
      throw new IllegalArgumentException("accountId is empty");
    }
    if (cardKeyDigest.length != 32 || authCertificateDigest.length != 32) {
      throw new IllegalArgumentException("digests must be 32 bytes (SHA-256)");
    }
    this.accountId = accountId;
    this.cardKeyDigest = cardKeyDigest.clone();
    this.authCertificateDigest = authCertificateDigest.clone();
    this.authCertificateIssuer = Objects.requireNonNull(authCertificateIssuer, "authCertificateIssuer");
    this.authCertificateSerial = Objects.requireNonNull(authCertificateSerial, "authCertificateSerial");
    this.authCertificateNotAfter = Objects.requireNonNull(authCertificateNotAfter, "authCertificateNotAfter");
    this.registeredAt = Objects.requireNonNull(registeredAt, "registeredAt");
  }

  /**
   * Creates a registration from a verified card key and a verified authentication certificate. Only
   * {@link FaceToFaceVerifier#register} makes them, after those checks; stores {@link #restore} them.
   */
  static Registration of(
      String accountId, PublicKey cardKey, X509Certificate authCertificate, Instant registeredAt) {
    return new Registration(
        accountId,
        cardKeyDigest(cardKey),
        certificateDigest(authCertificate),
        authCertificate.getIssuerX500Principal().getName(),
        authCertificate.getSerialNumber(),
        authCertificate.getNotAfter().toInstant(),
        registeredAt);
  }

  /**
   * Recreates a registration from stored values (for {@link RegistrationStore} implementations).
   *
   * @param accountId the account id
   * @param cardKeyDigest SHA-256 of the card key's X.509 SubjectPublicKeyInfo encoding, 32 bytes
   * @param authCertificateDigest SHA-256 of the authentication certificate's DER encoding, 32 bytes
   * @param authCertificateIssuer the certificate's issuer in RFC 2253 form
   * @param authCertificateSerial the certificate's serial number
   * @param authCertificateNotAfter the certificate's notAfter
   * @param registeredAt when the registration was made
   * @return the registration
   * @throws IllegalArgumentException if the account id is empty or a digest is not 32 bytes
   */
  public static Registration restore(
      String accountId,
      byte[] cardKeyDigest,
      byte[] authCertificateDigest,
      String authCertificateIssuer,
      BigInteger authCertificateSerial,
      Instant authCertificateNotAfter,
      Instant registeredAt) {
    return new Registration(
        accountId,
        cardKeyDigest,
        authCertificateDigest,
        authCertificateIssuer,
        authCertificateSerial,
        authCertificateNotAfter,
        registeredAt);
  }

  /**
   * The key a registration is looked up by: SHA-256 of the card key's X.509 SubjectPublicKeyInfo
   * encoding.
   *
   * @param cardKey the card key
   * @return 32 bytes
   */
  static byte[] cardKeyDigest(PublicKey cardKey) {
    return sha256(cardKey.getEncoded());
  }

  /**
   * SHA-256 of a certificate's DER encoding.
   *
   * @param certificate the certificate
   * @return 32 bytes
   * @throws IllegalArgumentException if the certificate cannot be encoded
   */
  static byte[] certificateDigest(X509Certificate certificate) {
    try {
      return sha256(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * Returns the relying party's account id.
   *
   * @return the account id
   */
  public String accountId() {
    return accountId;
  }

  /**
   * Returns the digest of the registered card key.
   *
   * @return a copy of the 32-byte digest
   */
  public byte[] cardKeyDigest() {
    return cardKeyDigest.clone();
  }

  /**
   * Returns the digest of the authentication certificate proven at registration.
   *
   * @return a copy of the 32-byte digest
   */
  public byte[] authCertificateDigest() {
    return authCertificateDigest.clone();
  }

  /**
   * Returns the authentication certificate's issuer (RFC 2253).
   *
   * @return the issuer name
   */
  public String authCertificateIssuer() {
    return authCertificateIssuer;
  }

  /**
   * Returns the authentication certificate's serial number.
   *
   * @return the serial number
   */
  public BigInteger authCertificateSerial() {
    return authCertificateSerial;
  }

  /**
   * Returns the authentication certificate's notAfter.
   *
   * @return the end of its validity
   */
  public Instant authCertificateNotAfter() {
    return authCertificateNotAfter;
  }

  /**
   * Returns when the registration was made.
   *
   * @return the registration instant
   */
  public Instant registeredAt() {
    return registeredAt;
  }

  /**
   * Tells whether a certificate is the registered authentication certificate.
   *
   * @param certificate a certificate
   * @return true if its DER digest equals the registered digest
   */
  boolean matchesCertificate(X509Certificate certificate) {
    return MessageDigest.isEqual(authCertificateDigest, certificateDigest(certificate));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Registration)) {
      return false;
    }
    Registration r = (Registration) o;
    return accountId.equals(r.accountId)
        && Arrays.equals(cardKeyDigest, r.cardKeyDigest)
        && Arrays.equals(authCertificateDigest, r.authCertificateDigest)
        && authCertificateIssuer.equals(r.authCertificateIssuer)
        && authCertificateSerial.equals(r.authCertificateSerial)
        && authCertificateNotAfter.equals(r.authCertificateNotAfter)
        && registeredAt.equals(r.registeredAt);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cardKeyDigest) * 31 + accountId.hashCode();
  }

  /** Shows only the dates: account ids and key digests identify a person. */
  @Override
  public String toString() {
    return "Registration[registeredAt=" + registeredAt + ", authCertificateNotAfter=" + authCertificateNotAfter + "]";
  }
}
