// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.Optional;

/**
 * The new/old certificate link (証明書新旧紐付け情報, FAQ Q3-5, see docs/faq-flows.md) as a service
 * provider interface: "which certificate did this one replace" after a renewal or a move, and "which
 * certificate of the other type belongs to the same person" (証明書紐付け情報). J-LIS offers this only to
 * accredited verifiers through platform operators, with the user's consent; the protocol is not public,
 * so the operator's client implements this interface. {@link #inMemory()} is for tests.
 *
 * <p>Implementations must be thread-safe and must throw {@link CertificateLinkException} (reason
 * {@link CertificateLinkException.Reason#LINK_SERVICE_FAILED}) when they cannot answer, never return
 * empty for "could not ask": empty means the service answered that there is no link.
 */
public interface CertificateLinkService {
  /**
   * Returns the certificate that {@code current} replaced (its direct predecessor).
   *
   * @param current the newer certificate
   * @return the predecessor, or empty if the service knows none (a first issue)
   * @throws CertificateLinkException if the service cannot answer
   */
  Optional<CertificateId> predecessorOf(CertificateId current) throws CertificateLinkException;

  /**
   * Returns the certificate of the other type (signature ↔ authentication) issued to the same person
   * on the same card. Services that do not offer this link throw {@link
   * CertificateLinkException.Reason#NOT_SUPPORTED}, the default.
   *
   * @param certificate a signature or authentication certificate
   * @return the other certificate, or empty if the service knows none
   * @throws CertificateLinkException if the service cannot answer or does not offer this link
   */
  default Optional<CertificateId> counterpartOf(CertificateId certificate) throws CertificateLinkException {
    throw new CertificateLinkException(
        CertificateLinkException.Reason.NOT_SUPPORTED, "this link service does not link certificate types", null);
  }

  /**
   * A thread-safe in-memory link service for tests; add links with {@link
   * InMemoryCertificateLinkService#link}.
   *
   * @return a new, empty service
   */
  static InMemoryCertificateLinkService inMemory() {
    return new InMemoryCertificateLinkService();
  }
}
