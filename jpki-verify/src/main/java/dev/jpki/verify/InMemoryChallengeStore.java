// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bounded in-memory {@link ChallengeStore}: per-session eviction of the oldest challenge, purge of expired
 * ones when full, then a typed refusal. One lock: every operation is O(1) amortised apart from the purge,
 * which runs only when the store is full.
 */
final class InMemoryChallengeStore implements ChallengeStore {
  private final Object lock = new Object();
  private final Map<String, Challenge> outstanding = new HashMap<>();
  private final Map<String, Deque<String>> bySession = new HashMap<>();
  private final int capacity;
  private final int perSession;
  private final Clock clock;

  InMemoryChallengeStore(int capacity, int perSession, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    if (perSession < 1) {
      throw new IllegalArgumentException("challenges per session must be positive");
    }
    this.capacity = capacity;
    this.perSession = perSession;
    this.clock = clock;
  }

  @Override
  public void put(Challenge entry) {
    String id = entry.encoded();
    synchronized (lock) {
      Deque<String> mine = bySession.get(entry.session());
      if (mine != null) {
        mine.removeIf(old -> !outstanding.containsKey(old)); // taken ones
        while (mine.size() >= perSession) {
          outstanding.remove(mine.removeFirst()); // evict this session's oldest, nobody else's
        }
      }
      if (outstanding.size() >= capacity) {
        purge(clock.instant());
        if (outstanding.size() >= capacity) {
          throw new ChallengeStoreException(ChallengeStoreException.Reason.FULL,
              "too many outstanding login challenges (" + capacity + "); try again when some have expired", null);
        }
      }
      outstanding.put(id, entry);
      bySession.computeIfAbsent(entry.session(), s -> new ArrayDeque<>()).addLast(id);
    }
  }

  /** Removes challenges that expired before {@code now}, and sessions left without any. */
  private void purge(Instant now) {
    outstanding.values().removeIf(e -> e.expiresAt().isBefore(now));
    bySession.values().removeIf(q -> {
      q.removeIf(id -> !outstanding.containsKey(id));
      return q.isEmpty();
    });
  }

  @Override
  public Optional<Challenge> take(String id) {
    synchronized (lock) {
      Challenge e = outstanding.remove(id);
      if (e != null) {
        Deque<String> q = bySession.get(e.session());
        if (q != null) {
          q.remove(id);
          if (q.isEmpty()) {
            bySession.remove(e.session());
          }
        }
      }
      return Optional.ofNullable(e);
    }
  }
}
