// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.List;
import java.util.Optional;

/**
 * Where PIN-less face-to-face registrations live (service provider interface). A registration is keyed
 * by its card key digest ({@link Registration#cardKeyDigest()}): one card has one registration; an
 * account may have several (a renewed card, a second card).
 *
 * <p>Implementations must be thread-safe; {@link #save} replaces any registration with the same card
 * key digest atomically. Every method may throw {@link RegistrationStoreException} when the store cannot
 * answer; a flow then reports no match. {@link #inMemory()} is for tests and single-node use; a
 * database-backed implementation is provided by the deployment.
 */
public interface RegistrationStore {
  /**
   * Stores a registration, replacing one with the same card key digest.
   *
   * @param registration the registration
   * @throws RegistrationStoreException if the store cannot write
   */
  void save(Registration registration) throws RegistrationStoreException;

  /**
   * Finds the registration of a card key.
   *
   * @param cardKeyDigest the card key digest, as in {@link Registration#cardKeyDigest()}
   * @return the registration, or empty if the card is not registered
   * @throws RegistrationStoreException if the store cannot answer
   */
  Optional<Registration> findByCardKey(byte[] cardKeyDigest) throws RegistrationStoreException;

  /**
   * Lists the registrations of an account, oldest first.
   *
   * @param accountId the account id
   * @return the registrations, possibly empty
   * @throws RegistrationStoreException if the store cannot answer
   */
  List<Registration> findByAccount(String accountId) throws RegistrationStoreException;

  /**
   * Removes the registration of a card key (e.g. the card was reported lost).
   *
   * @param cardKeyDigest the card key digest
   * @return true if a registration was removed
   * @throws RegistrationStoreException if the store cannot write
   */
  boolean remove(byte[] cardKeyDigest) throws RegistrationStoreException;

  /**
   * A thread-safe in-memory store (lost on restart).
   *
   * @return a new, empty store
   */
  static RegistrationStore inMemory() {
    return new InMemoryRegistrationStore();
  }
}
