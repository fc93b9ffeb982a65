// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Tells whether a certificate is revoked. J-LIS revocation data reaches service providers only
 * through contracted platform operators (docs/card-protocol.md §9.6), so sources are pluggable: CRLs from files or URLs
 * ({@link CrlRevocationSource}), OCSP ({@link OcspRevocationSource}), or an operator's own API.
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
}
