// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Tells whether a certificate is revoked. J-LIS revocation data reaches service providers only
 * through contracted platform operators (docs/card-protocol.md §9.6), so sources are pluggable: CRLs from files or URLs
 * ({@link CrlRevocationSource}), OCSP ({@link OcspRevocationSource}), or an operator's own API.
 *
 * <p>The static factories make the library's sources; verifier builders require a source, and {@link
 * #none()} turns revocation checking off and must be named explicitly.
 *
 * <p>Implementations must be thread-safe, must not throw (answer {@link RevocationStatus#unavailable}
 * instead; a thrown exception is treated the same way) and must fail closed: answer {@link
 * RevocationStatus.Kind#GOOD} only on authenticated, current data.
 */
public interface RevocationSource {
  /**
   * Checks one certificate.
   *
   * @param certificate the certificate to check
   * @param issuer its issuer, already verified by signature; revocation data must be signed by this
   *     issuer (or a responder it authorized)
   * @param at the verification time (from the verifier's clock)
   * @return the answer
   */
  RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at);

  /**
   * No revocation checking: every certificate counts as not revoked. Only for tests and for callers
   * whose platform operator checks revocation elsewhere.
   *
   * @return a source that always answers GOOD
   */
  static RevocationSource none() {
    return Revocations.none();
  }

  /**
   * Revocation from CRLs that were parsed already.
   *
   * @param crls one or more CRL indexes
   * @return the source
   */
  static RevocationSource crl(CrlIndex... crls) {
    return Revocations.crl(crls);
  }

  /**
   * Revocation from CRLs the JDK parsed (e.g. from {@code CertificateFactory}, or jpki-testkit's {@code
   * TestPki.crl(..)}). Each is re-read from its encoding into a {@link CrlIndex}; its signature is checked
   * against the issuer of the certificate it answers for, as with {@link #crl(CrlIndex...)}.
   *
   * @param crls one or more CRLs
   * @return the source
   * @throws IllegalArgumentException if a CRL's encoding is not a CRL this library accepts
   */
  static RevocationSource crl(X509CRL... crls) {
    return Revocations.crl(crls);
  }

  /**
   * Revocation from a CRL file (DER or PEM), loaded on first use and reloaded when due.
   *
   * @param file the CRL file
   * @return the source
   */
  static RevocationSource crlFile(Path file) {
    return Revocations.crlFile(file);
  }

  /**
   * Revocation from a CRL URL, fetched on first use and again when due.
   *
   * @param url http(s) URL
   * @return the source
   */
  static RevocationSource crlUrl(URI url) {
    return Revocations.crlUrl(url);
  }

  /**
   * Revocation from an OCSP responder at a fixed URL, with default settings.
   *
   * @param responder http(s) URL
   * @return the source
   */
  static RevocationSource ocsp(URI responder) {
    return Revocations.ocsp(responder);
  }

  /**
   * Revocation from the addresses in each certificate: its AIA OCSP URL, else its http(s) CRL
   * distribution points (fetched once per URL and refreshed when due). JPKI certificates name their CRL
   * by directory name, not URL (docs/card-protocol.md §9.2), so for them this usually answers UNAVAILABLE.
   *
   * @return the source
   */
  static RevocationSource fromCertificate() {
    return Revocations.fromCertificate();
  }

  /**
   * Asks sources in order; the first GOOD or REVOKED answer decides. If none decides, the answer is
   * UNKNOWN when every source said UNKNOWN, else UNAVAILABLE.
   *
   * @param sources the sources, most preferred first
   * @return the combined source
   */
  static RevocationSource firstOf(RevocationSource... sources) {
    return Revocations.firstOf(sources);
  }
}
