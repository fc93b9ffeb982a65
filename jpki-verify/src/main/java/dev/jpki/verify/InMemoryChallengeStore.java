package dev.jpki.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bounded in-memory {@link ChallengeStore}. */
final class InMemoryChallengeStore implements ChallengeStore {
  private final Map<String, Instant> outstanding = new ConcurrentHashMap<>();
  private final int capacity;
  private final Clock clock;

  InMemoryChallengeStore(int capacity, Clock clock) {
    this.clock = clock;
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public void put(String id, Instant expiresAt) {
    if (outstanding.size() >= capacity) {
      purge(clock.instant());
      if (outstanding.size() >= capacity) {
        throw new IllegalStateException("too many outstanding login challenges (" + capacity + ")");
      }
    }
    outstanding.put(id, expiresAt);
  }

  /** Removes challenges that expired before {@code now}. */
  void purge(Instant now) {
    outstanding.values().removeIf(e -> e.isBefore(now));
  }

  @Override
  public Optional<Instant> take(String id) {
    return Optional.ofNullable(outstanding.remove(id));
  }
}
