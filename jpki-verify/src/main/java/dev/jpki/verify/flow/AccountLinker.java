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
  /** Default limit of predecessor hops: a certificate lives 5 years, so 10 hops cover decades. */
  public static final int DEFAULT_MAX_HOPS = 10;

  private final CertificateLinkService links;
  private final CertificateAccounts accounts;
  private final int maxHops;

  /**
   * Creates a linker with {@link #DEFAULT_MAX_HOPS}.
   *
   * @param links the link service
   * @param accounts the account directory
   */
  public AccountLinker(CertificateLinkService links, CertificateAccounts accounts) {
    this(links, accounts, DEFAULT_MAX_HOPS);
  }

  /**
   * Creates a linker.
   *
   * @param links the link service
   * @param accounts the account directory
   * @param maxHops how many predecessors to follow at most (at least 1)
   */
  public AccountLinker(CertificateLinkService links, CertificateAccounts accounts, int maxHops) {
    if (maxHops < 1) {
      throw new IllegalArgumentException("maxHops must be at least 1");
    }
    this.links = Objects.requireNonNull(links, "links");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.maxHops = maxHops;
  }

  /**
   * Finds the account of a verified certificate, following renewals, without creating one.
   *
   * @param certificate the verified certificate
   * @return the account, or empty if neither the certificate nor any predecessor is bound
   * @throws CertificateLinkException if the link service or the directory fails, or the chain of
   *     predecessors is too long or loops
   */
  public Optional<AccountLink> find(X509Certificate certificate) throws CertificateLinkException {
    CertificateId id = CertificateId.of(certificate);
    Optional<String> direct = accounts.accountOf(id);
    if (direct.isPresent()) {
      return Optional.of(new AccountLink(direct.get(), AccountLink.How.KNOWN, 0));
    }
    Set<CertificateId> seen = new HashSet<>();
    seen.add(id);
    CertificateId cur = id;
    for (int hop = 1; hop <= maxHops; hop++) {
      Optional<CertificateId> prev = links.predecessorOf(cur);
      if (prev.isEmpty()) {
        return Optional.empty();
      }
      cur = prev.get();
      if (!seen.add(cur)) {
        throw new CertificateLinkException(
            CertificateLinkException.Reason.LINK_CHAIN_TOO_LONG, "the link service's predecessors loop", null);
      }
      Optional<String> acc = accounts.accountOf(cur);
      if (acc.isPresent()) {
        accounts.bind(id, acc.get());
        return Optional.of(new AccountLink(acc.get(), AccountLink.How.LINKED, hop));
      }
    }
    throw new CertificateLinkException(
        CertificateLinkException.Reason.LINK_CHAIN_TOO_LONG,
        "more than " + maxHops + " predecessors without a known account",
        null);
  }

  /**
   * Finds the account of a verified certificate, following renewals, or binds it to a new account.
   *
   * @param certificate the verified certificate
   * @param newAccountId makes the id of a new account when none is found
   * @return the account and how it was found
   * @throws CertificateLinkException if the link service or the directory fails; no account is
   *     created then (a failed link must not split a person into two accounts)
   */
  public AccountLink resolve(X509Certificate certificate, Supplier<String> newAccountId)
      throws CertificateLinkException {
    Optional<AccountLink> found = find(certificate);
    if (found.isPresent()) {
      return found.get();
    }
    String created = Objects.requireNonNull(newAccountId.get(), "newAccountId returned null");
    accounts.bind(CertificateId.of(certificate), created);
    return new AccountLink(created, AccountLink.How.NEW, 0);
  }
}
