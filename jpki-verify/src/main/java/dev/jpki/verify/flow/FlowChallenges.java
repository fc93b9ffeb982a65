package dev.jpki.verify.flow;

import dev.jpki.verify.ChallengeStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Issues the fresh random challenges the card signs in the FAQ flows, and takes each back once: a
 * challenge not issued here, used before, or expired fails the flow. Thread-safe if the store is.
 */
public final class FlowChallenges {
  /** Default lifetime: long enough for a holder to type 照合番号B, short enough to limit replays. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final ChallengeStore store;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  private FlowChallenges(ChallengeStore store, Clock clock, Duration ttl) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    this.ttl = ttl;
  }

  /**
   * Challenges kept in memory (at most 10,000 outstanding), valid for {@link #DEFAULT_TTL}.
   *
   * @param clock the clock for expiries
   * @return the challenges
   */
  public static FlowChallenges inMemory(Clock clock) {
    return new FlowChallenges(ChallengeStore.inMemory(10_000, clock), clock, DEFAULT_TTL);
  }

  /**
   * Challenges in a given store (e.g. shared by a server cluster).
   *
   * @param store the store
   * @param clock the clock for expiries
   * @param ttl how long a challenge is accepted
   * @return the challenges
   */
  public static FlowChallenges of(ChallengeStore store, Clock clock, Duration ttl) {
    return new FlowChallenges(store, clock, ttl);
  }

  /**
   * Issues a fresh 32-byte challenge.
   *
   * @return the challenge to send to the card side
   * @throws IllegalStateException if the store is full
   */
  public byte[] issue() {
    byte[] c = new byte[32];
    random.nextBytes(c);
    store.put(key(c), clock.instant().plus(ttl));
    return c;
  }

  /**
   * Takes a challenge back (single use).
   *
   * @param challenge the challenge
   * @return null if it was outstanding and unexpired, else the failure
   */
  @Nullable FlowFailure take(byte[] challenge) {
    Optional<Instant> expiry = store.take(key(challenge));
    if (expiry.isEmpty()) {
      return new FlowFailure(FlowReason.CHALLENGE_UNKNOWN, "challenge was not issued here or was already used");
    }
    if (clock.instant().isAfter(expiry.get())) {
      return new FlowFailure(FlowReason.CHALLENGE_EXPIRED, "challenge expired at " + expiry.get());
    }
    return null;
  }

  Clock clock() {
    return clock;
  }

  private static String key(byte[] c) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(c);
  }
}
