package dev.jpki.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Where outstanding login challenges live until used. The default is in memory ({@link #inMemory(int)});
 * a server cluster supplies a shared store (e.g. a database or cache with an atomic delete).
 *
 * <p>Implementations must be thread-safe and {@link #take} must be atomic, so a challenge can be taken
 * once only (replays fail).
 */
public interface ChallengeStore {
  /**
   * Records an outstanding challenge.
   *
   * @param id the challenge's encoded value
   * @param expiresAt its expiry
   * @throws IllegalStateException if the store is full
   */
  void put(String id, Instant expiresAt);

  /**
   * Removes a challenge and returns its expiry, atomically.
   *
   * @param id the challenge's encoded value
   * @return its expiry, or empty if it is unknown or was already taken
   */
  Optional<Instant> take(String id);

  /**
   * An in-memory store holding at most {@code capacity} outstanding challenges; expired ones are purged
   * when it fills up.
   *
   * @param capacity the maximum number of outstanding challenges
   * @return a new store
   */
  static ChallengeStore inMemory(int capacity) {
    return new InMemoryChallengeStore(capacity, Clock.systemUTC());
  }

  /**
   * An in-memory store whose purge of expired challenges follows a given clock.
   *
   * @param capacity the maximum number of outstanding challenges
   * @param clock the clock challenges' expiries are computed with
   * @return a new store
   */
  static ChallengeStore inMemory(int capacity, Clock clock) {
    return new InMemoryChallengeStore(capacity, clock);
  }
}
