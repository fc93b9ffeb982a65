// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relying party's own directory of which certificate belongs to which account (service provider
 * interface), used by {@link AccountLinker} to keep one account id across certificate renewals. A
 * deployment stores it next to its accounts; {@link #inMemory()} is for tests.
 *
 * <p>Implementations must be thread-safe and throw {@link CertificateLinkException} when they cannot
 * answer.
 */
public interface CertificateAccounts {
  /**
   * Finds the account a certificate is bound to.
   *
   * @param certificate the certificate
   * @return the account id, or empty if the certificate is unknown
   * @throws CertificateLinkException if the directory cannot answer
   */
  Optional<String> accountOf(CertificateId certificate) throws CertificateLinkException;

  /**
   * Binds a certificate to an account (replacing an earlier binding of the same certificate).
   *
   * @param certificate the certificate
   * @param accountId the account id
   * @throws CertificateLinkException if the directory cannot write
   */
  void bind(CertificateId certificate, String accountId) throws CertificateLinkException;

  /**
   * A thread-safe in-memory directory.
   *
   * @return a new, empty directory
   */
  static CertificateAccounts inMemory() {
    Map<CertificateId, String> map = new ConcurrentHashMap<>();
    return new CertificateAccounts() {
      @Override
      public Optional<String> accountOf(CertificateId certificate) {
        return Optional.ofNullable(map.get(certificate));
      }

      @Override
      public void bind(CertificateId certificate, String accountId) {
        map.put(certificate, accountId);
      }
    };
  }
}
