// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.Objects;

/**
 * The account a certificate belongs to, as found by {@link AccountLinker}, and how it was found.
 * Immutable; {@link #toString()} omits the account id.
 */
public final class AccountLink {
  /** How the account was found. */
  public enum How {
    /** The certificate itself was already bound to the account. */
    KNOWN,
    /** A predecessor was bound; the certificate has now been bound too. */
    LINKED,
    /** Nothing was bound; a new account was created for the certificate. */
    NEW
  }

  private final String accountId;
  private final How how;
  private final int hops;

  AccountLink(String accountId, How how, int hops) {
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.how = how;
    this.hops = hops;
  }

  /**
   * Returns the stable account id.
   *
   * @return the account id
   */
  public String accountId() {
    return accountId;
  }

  /**
   * Returns how the account was found.
   *
   * @return KNOWN, LINKED or NEW
   */
  public How how() {
    return how;
  }

  /**
   * Returns how many predecessor links were followed.
   *
   * @return 0 for KNOWN and NEW, at least 1 for LINKED
   */
  public int hops() {
    return hops;
  }

  @Override
  public String toString() {
    return "AccountLink[" + how + ", hops=" + hops + "]";
  }
}
