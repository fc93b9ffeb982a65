// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.verify.FailureCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class FlowChallengesTest {
  /** A clock the test moves forward. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-27T03:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void eachChallengeIsTakenOnceAndExpires() {
    MovingClock clock = new MovingClock();
    FlowChallenges c = FlowChallenges.inMemory(clock, Duration.ofMinutes(5), 10);
    byte[] a = c.issue();
    assertThat(a).hasSize(32);
    assertThat(c.take(a)).isNull();
    assertThat(Objects.requireNonNull(c.take(a)).code()).isEqualTo(FailureCode.CHALLENGE_UNKNOWN);
    byte[] b = c.issue();
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(Objects.requireNonNull(c.take(b)).code()).isEqualTo(FailureCode.CHALLENGE_EXPIRED);
  }

  @Test
  void fullStoreRefusesUntilExpiredOnesArePurged() {
    MovingClock clock = new MovingClock();
    FlowChallenges c = FlowChallenges.inMemory(clock, Duration.ofMinutes(5), 2);
    c.issue();
    c.issue();
    assertThatThrownBy(c::issue).isInstanceOf(IllegalStateException.class);
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(c.issue()).hasSize(32);
  }

  @Test
  void expiredChallengeFailsTheAgeFlowWithoutAnAge() throws Exception {
    MovingClock clock = new MovingClock();
    AgeVerifier v = AgeVerifier.builder().cardData(FlowFixtures.cardData())
        .challenges(FlowChallenges.inMemory(clock, Duration.ofMinutes(5), 10)).build();
    byte[] ch = v.newChallenge();
    byte[] wire;
    dev.jpki.testkit.Persona p = dev.jpki.testkit.Personas.get(dev.jpki.testkit.Personas.DEFAULT);
    try (dev.jpki.card.MyNumberCard card = FlowFixtures.open(p);
        dev.jpki.card.Pin k = dev.jpki.card.Pin.dateOfBirthKey(p.dobKey().toCharArray())) {
      wire = dev.jpki.card.flow.AgeCheck.collect(card, k, ch).toBytes();
    }
    clock.now = clock.now.plus(Duration.ofMinutes(10));
    AgeResult r = v.verify(wire, ch, dev.jpki.card.flow.EvidenceKind.AGE_DATE_OF_BIRTH_KEY, 18);
    assertThat(r.hasFailure(FailureCode.CHALLENGE_EXPIRED)).as(r.toString()).isTrue();
    assertThat(r.age()).isEmpty();
    assertThat(r.meetsMinimum()).contains(false);
  }
}
