// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Issues the fresh random challenges the card signs in the FAQ flows, and takes each back once: a
 * challenge not issued here, used before, or expired fails the flow. Kept in memory (a verifier that
 * runs on several servers routes a flow's two requests to the same one). Thread-safe.
 */
public final class FlowChallenges {
  /** Lifetime: long enough for a holder to type 照合番号B, short enough to limit replays. */
  static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  /** Number of outstanding challenges; expired ones are purged when it is reached. */
  static final int DEFAULT_CAPACITY = 10_000;

  private final Map<String, Instant> outstanding = new ConcurrentHashMap<>();
  private final int capacity;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  private FlowChallenges(int capacity, Clock clock, Duration ttl) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    this.ttl = ttl;
  }

  /**
   * Challenges kept in memory (at most 10,000 outstanding), each valid for 5 minutes.
   *
   * @param clock the clock for the challenges' expiry and for the dates the verifiers check (the age's
   *     day, the card's expiry, a registration's time)
   * @return the challenges
   */
  public static FlowChallenges inMemory(Clock clock) {
    return new FlowChallenges(DEFAULT_CAPACITY, clock, DEFAULT_TTL);
  }

  /** Challenges kept in memory with a given capacity and lifetime (both positive). */
  static FlowChallenges inMemory(Clock clock, Duration ttl, int capacity) {
    return new FlowChallenges(capacity, clock, ttl);
  }

  /**
   * Issues a fresh 32-byte challenge (the verifiers' {@code newChallenge()}).
   *
   * @return the challenge to send to the card side
   * @throws IllegalStateException if {@code capacity} unexpired challenges are outstanding
   */
  byte[] issue() {
    Instant now = clock.instant();
    if (outstanding.size() >= capacity) {
      outstanding.values().removeIf(e -> e.isBefore(now));
      if (outstanding.size() >= capacity) {
        throw new IllegalStateException("too many outstanding flow challenges (" + capacity + ")");
      }
    }
    byte[] c = new byte[32];
    random.nextBytes(c);
    outstanding.put(key(c), now.plus(ttl));
    return c;
  }

  /**
   * Takes a challenge back (single use).
   *
   * @param challenge the challenge
   * @return null if it was outstanding and unexpired, else the failure
   */
  @Nullable Failure take(byte[] challenge) {
    Instant expiry = outstanding.remove(key(challenge)); // atomic: a challenge is taken once
    if (expiry == null) {
      return Failure.of(FailureCode.CHALLENGE_UNKNOWN, "challenge was not issued here or was already used");
    }
    if (clock.instant().isAfter(expiry)) {
      return Failure.of(FailureCode.CHALLENGE_EXPIRED, "challenge expired at " + expiry);
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
