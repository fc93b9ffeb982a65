// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps one account id per person across certificate renewals and moves (FAQ Q3-5, see
 * docs/faq-flows.md): a login with an unknown certificate asks the {@link CertificateLinkService} for
 * its predecessors until one is bound to an account in {@link CertificateAccounts}, then binds the new
 * certificate to that account. Call it only with a certificate whose login already verified (chain,
 * revocation, signature over a fresh challenge). Thread-safe if both collaborators are.
 */
public final class AccountLinker {
  /** Limit of predecessor hops: a certificate lives 5 years, so 10 hops cover decades. */
  private static final int MAX_HOPS = 10;

  private final CertificateLinkService links;
  private final CertificateAccounts accounts;

  /**
   * Creates a linker.
   *
   * @param links the link service
   * @param accounts the account directory
   */
  public AccountLinker(CertificateLinkService links, CertificateAccounts accounts) {
    this.links = Objects.requireNonNull(links, "links");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
  }

  /**
   * Finds the account of a verified certificate, following renewals, without creating one. A certificate
   * found through a predecessor is bound to that account in the directory.
   *
   * @param certificate the verified certificate
   * @return the account id, or empty if neither the certificate nor any predecessor is bound
   * @throws CertificateLinkException if the link service or the directory fails, or the chain of
   *     predecessors is longer than 10 or loops
   */
  public Optional<String> find(X509Certificate certificate) throws CertificateLinkException {
    CertificateId id = CertificateId.of(certificate);
    Optional<String> direct = accounts.accountOf(id);
    if (direct.isPresent()) {
      return direct;
    }
    Set<CertificateId> seen = new HashSet<>();
    seen.add(id);
    CertificateId cur = id;
    for (int hop = 1; hop <= MAX_HOPS; hop++) {
      Optional<CertificateId> prev = links.predecessorOf(cur);
      if (prev.isEmpty()) {
        return Optional.empty();
      }
      cur = prev.get();
      if (!seen.add(cur)) {
        throw new CertificateLinkException("the link service's predecessors loop", null);
      }
      Optional<String> acc = accounts.accountOf(cur);
      if (acc.isPresent()) {
        accounts.bind(id, acc.get());
        return acc;
      }
    }
    throw new CertificateLinkException("more than " + MAX_HOPS + " predecessors without a known account", null);
  }

  /**
   * Finds the account of a verified certificate, following renewals, or binds it to a new account.
   *
   * @param certificate the verified certificate
   * @param newAccountId makes the id of a new account; called only when none is found
   * @return the account id
   * @throws CertificateLinkException if the link service or the directory fails; no account is
   *     created then (a failed link must not split a person into two accounts)
   */
  public String resolve(X509Certificate certificate, Supplier<String> newAccountId)
      throws CertificateLinkException {
    Optional<String> found = find(certificate);
    if (found.isPresent()) {
      return found.get();
    }
    String created = Objects.requireNonNull(newAccountId.get(), "newAccountId returned null");
    accounts.bind(CertificateId.of(certificate), created);
    return created;
  }
}
