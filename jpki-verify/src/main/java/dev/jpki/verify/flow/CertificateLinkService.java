// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.Optional;

/**
 * The new/old certificate link (証明書新旧紐付け情報, FAQ Q3-5, see docs/faq-flows.md) as a service
 * provider interface: "which certificate did this one replace" after a renewal or a move. J-LIS offers
 * this only to accredited verifiers through platform operators, with the user's consent; the protocol is
 * not public, so the operator's client implements this interface ({@link AccountLinker} uses it).
 *
 * <p>Implementations must be thread-safe and must throw {@link CertificateLinkException} when they
 * cannot answer, never return empty for "could not ask": empty means the service answered that there is
 * no link.
 */
@FunctionalInterface
public interface CertificateLinkService {
  /**
   * Returns the certificate that {@code current} replaced (its direct predecessor).
   *
   * @param current the newer certificate
   * @return the predecessor, or empty if the service knows none (a first issue)
   * @throws CertificateLinkException if the service cannot answer
   */
  Optional<CertificateId> predecessorOf(CertificateId current) throws CertificateLinkException;
}
