// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
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
   * Records an outstanding challenge.
   *
   * @param id the challenge's encoded value ({@link Challenge#encoded()})
   * @param entry the session it was issued to and its expiry
   * @throws ChallengeStoreException if the store is full or unreachable
   */
  void put(String id, Entry entry);

  /**
   * Removes a challenge and returns what was recorded with it, atomically.
   *
   * @param id the challenge's encoded value
   * @return the entry, or empty if the challenge is unknown, was evicted or was already taken
   * @throws ChallengeStoreException if the store is unreachable
   */
  Optional<Entry> take(String id);

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

  /**
   * What a store keeps with an outstanding challenge.
   */
  final class Entry {
    private final String session;
    private final Instant expiresAt;

    /**
     * Creates an entry.
     *
     * @param session the session the challenge was issued to (opaque, 1 to {@value #MAX_SESSION_LENGTH}
     *     characters)
     * @param expiresAt when the challenge stops being accepted
     * @throws IllegalArgumentException if the session is empty or too long
     */
    public Entry(String session, Instant expiresAt) {
      this.session = checkSession(session);
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The longest session identifier accepted, in characters. */
    public static final int MAX_SESSION_LENGTH = 128;

    static String checkSession(String session) {
      if (session.isEmpty() || session.length() > MAX_SESSION_LENGTH) {
        throw new IllegalArgumentException("a session id must be 1 to " + MAX_SESSION_LENGTH + " characters");
      }
      return session;
    }

    /**
     * Returns the session the challenge was issued to.
     *
     * @return the session identifier
     */
    public String session() {
      return session;
    }

    /**
     * Returns when the challenge stops being accepted.
     *
     * @return the expiry
     */
    public Instant expiresAt() {
      return expiresAt;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && e.session.equals(session) && e.expiresAt.equals(expiresAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(session, expiresAt);
    }

    // The session identifier may be a bearer token of the web session: it stays out of toString.
    @Override
    public String toString() {
      return "ChallengeStore.Entry[expiresAt=" + expiresAt + "]";
    }
  }
}
