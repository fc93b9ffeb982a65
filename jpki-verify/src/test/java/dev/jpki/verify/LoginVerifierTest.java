package dev.jpki.verify;

import static dev.jpki.verify.Fixtures.cardSign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.revocation.Revocation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginVerifierTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private final AtomicReference<Instant> now = new AtomicReference<>(TestPki.REFERENCE_TIME);
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };
  private final LoginVerifier login = LoginVerifier.builder().trustAnchors(Fixtures.anchors())
      .revocation(Revocation.none()).clock(clock).profile(Fixtures.TEST_PROFILE)
      .challengeTtl(Duration.ofMinutes(2)).build();

  @Test
  void verify_signedChallenge_isValidWithStableSubjectId() {
    Challenge c = login.newChallenge();
    assertThat(c.value()).hasSize(32);
    LoginResult r = login.verify(c.value(), cardSign(P.authKeyPair().getPrivate(), c.value()), P.authCertificate());
    assertThat(r.isValid()).as(r.verification().toString()).isTrue();
    assertThat(r.subjectId()).contains(LoginVerifier.subjectId(P.authCertificate()));
    assertThat(r.subjectId().orElseThrow()).matches("[0-9a-f]{64}");
    Challenge c2 = login.newChallenge();
    LoginResult again = login.verify(c2.value(), cardSign(P.authKeyPair().getPrivate(), c2.value()),
        P.authCertificate());
    assertThat(again.subjectId()).isEqualTo(r.subjectId());
    String other = LoginVerifier.subjectId(Personas.get(Personas.MINOR).authCertificate());
    assertThat(other).isNotEqualTo(r.subjectId().orElseThrow());
  }

  @Test
  void verify_replayedChallenge_isInvalidChallengeUnknown() {
    Challenge c = login.newChallenge();
    byte[] sig = cardSign(P.authKeyPair().getPrivate(), c.value());
    assertThat(login.verify(c.value(), sig, P.authCertificate()).isValid()).isTrue();
    LoginResult replay = login.verify(c.value(), sig, P.authCertificate());
    assertThat(replay.isValid()).isFalse();
    assertThat(replay.verification().hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
    assertThat(replay.subjectId()).isEmpty();
  }

  @Test
  void verify_expiredChallenge_isInvalidAndConsumed() {
    Challenge c = login.newChallenge();
    now.set(now.get().plus(Duration.ofMinutes(3)));
    byte[] sig = cardSign(P.authKeyPair().getPrivate(), c.value());
    LoginResult r = login.verify(c.value(), sig, P.authCertificate());
    assertThat(r.verification().failures()).extracting(Failure::code).containsExactly(FailureCode.CHALLENGE_EXPIRED);
    assertThat(login.verify(c.value(), sig, P.authCertificate()).verification()
        .hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
  }

  @Test
  void verify_challengeNotIssued_isInvalid() {
    byte[] forged = new byte[32];
    LoginResult r = login.verify(forged, cardSign(P.authKeyPair().getPrivate(), forged), P.authCertificate());
    assertThat(r.verification().failures()).extracting(Failure::code).containsExactly(FailureCode.CHALLENGE_UNKNOWN);
  }

  @Test
  void verify_signatureCertificateForLogin_isInvalidProfile() {
    Challenge c = login.newChallenge();
    byte[] sig = cardSign(P.signKeyPair().orElseThrow().getPrivate(), c.value());
    LoginResult r = login.verify(c.value(), sig, P.signCertificate().orElseThrow());
    assertThat(r.verification().hasFailure(FailureCode.PROFILE)).isTrue();
    assertThat(r.subjectId()).isEmpty();
  }

  @Test
  void verify_signatureWithOtherKey_isInvalidAndChallengeSpent() {
    Challenge c = login.newChallenge();
    byte[] sig = cardSign(P.signKeyPair().orElseThrow().getPrivate(), c.value());
    assertThat(login.verify(c.value(), sig, P.authCertificate()).verification()
        .hasFailure(FailureCode.BAD_SIGNATURE)).isTrue();
    byte[] good = cardSign(P.authKeyPair().getPrivate(), c.value());
    assertThat(login.verify(c.value(), good, P.authCertificate()).isValid()).isFalse();
  }

  @Test
  void newChallenge_storeFull_throwsUntilExpiredPurged() {
    LoginVerifier small = LoginVerifier.builder().trustAnchors(Fixtures.anchors()).revocation(Revocation.none())
        .clock(clock).capacity(2).build();
    small.newChallenge();
    small.newChallenge();
    org.assertj.core.api.Assertions.assertThatThrownBy(small::newChallenge)
        .isInstanceOf(IllegalStateException.class);
    now.set(now.get().plus(Duration.ofMinutes(5)));
    assertThat(small.newChallenge()).isNotNull();
  }
}
