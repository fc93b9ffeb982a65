// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.card.KeyType;
import dev.jpki.internal.Hex;
import dev.jpki.verify.internal.X509Ext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One trusted root (or, for {@link TrustAnchors.Builder#addIntermediate}, an untrusted intermediate or
 * J-LIS link certificate), parsed once: its certificate, SHA-256 fingerprint, subject key identifier
 * and, when known, the JPKI certificate type it issues.
 *
 * <p>The subject of a CA certificate is not personal data, so {@link #subject()} may be shown (e.g. by
 * {@code jpki trust list}).
 */
final class TrustAnchor {
  private final X509Certificate certificate;
  private final byte[] sha256;
  private final byte @Nullable [] subjectKeyIdentifier;
  private final @Nullable KeyType type;
  private final boolean production;

  TrustAnchor(X509Certificate certificate, @Nullable KeyType type, boolean production) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.type = type;
    this.production = production;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("cannot encode certificate", e);
    }
    this.subjectKeyIdentifier = X509Ext.subjectKeyIdentifier(certificate);
  }

  /**
   * Returns the certificate.
   *
   * @return the X.509 certificate
   */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Returns the SHA-256 fingerprint as lower-case hex.
   *
   * @return 64 hex characters
   */
  public String sha256Hex() {
    return Hex.encodeLower(sha256);
  }

  /**
   * Returns the subject DN (RFC 2253). CA subjects carry no personal data.
   *
   * @return the subject DN string
   */
  public String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  /**
   * Returns the certificate type this root issues, when known.
   *
   * @return SIGNATURE or AUTHENTICATION for the pinned production roots and roots added with a type
   */
  public Optional<KeyType> type() {
    return Optional.ofNullable(type);
  }

  /**
   * Whether this is one of the pinned J-LIS production roots shipped with the library.
   *
   * @return true for shipped production roots
   */
  public boolean isProduction() {
    return production;
  }

  byte @Nullable [] subjectKeyIdentifierOrNull() {
    return subjectKeyIdentifier;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TrustAnchor t && Arrays.equals(sha256, t.sha256);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sha256);
  }

  @Override
  public String toString() {
    return "TrustAnchor[sha256=" + sha256Hex() + (type != null ? ", type=" + type : "")
        + (production ? ", production" : "") + "]";
  }
}
