// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.time.Clock;
import java.util.Optional;

/**
 * Where outstanding login challenges live until used. The default is in memory ({@link #inMemory(int)});
 * several server instances share one store, e.g. {@code dev.jpki.jdbc.JdbcChallengeStore}.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Thread-safe, and {@link #take} atomic: a challenge is taken by exactly one caller, also across
 *       instances sharing the same backing store (replays fail).
 *   <li>Bounded: a session holds at most a fixed number of outstanding challenges (asking for another
 *       evicts its oldest), and the whole store a fixed number; when it is full of unexpired challenges
 *       {@link #put} refuses with {@link ChallengeStoreException.Reason#FULL} instead of growing.
 *   <li>A store that cannot be reached throws {@link ChallengeStoreException.Reason#UNAVAILABLE}; it never
 *       answers "unknown" or "present" without knowing.
 * </ul>
 */
public interface ChallengeStore {
  /**
   * Records an outstanding challenge under its encoded value ({@link Challenge#encoded()}).
   *
   * @param challenge the challenge, with the session it was issued to and its expiry
   * @throws ChallengeStoreException if the store is full or unreachable
   */
  void put(Challenge challenge);

  /**
   * Removes a challenge and returns it, atomically.
   *
   * @param id the challenge's encoded value ({@link Challenge#encoded()})
   * @return the challenge as recorded (rebuild it with {@link Challenge#of}), or empty if it is unknown, was
   *     evicted or was already taken
   * @throws ChallengeStoreException if the store is unreachable
   */
  Optional<Challenge> take(String id);

  /**
   * An in-memory store holding at most {@code capacity} outstanding challenges and 4 per session.
   *
   * @param capacity the maximum number of outstanding challenges
   * @return a new store
   */
  static ChallengeStore inMemory(int capacity) {
    return new InMemoryChallengeStore(capacity, 4, Clock.systemUTC());
  }

  /**
   * An in-memory store whose purge of expired challenges follows a given clock.
   *
   * @param capacity the maximum number of outstanding challenges
   * @param perSession the maximum number of outstanding challenges of one session
   * @param clock the clock challenges' expiries are computed with
   * @return a new store
   */
  static ChallengeStore inMemory(int capacity, int perSession, Clock clock) {
    return new InMemoryChallengeStore(capacity, perSession, clock);
  }
}
