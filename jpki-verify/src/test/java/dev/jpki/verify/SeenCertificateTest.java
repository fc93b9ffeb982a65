// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.testkit.pki.JpkiOids;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.revocation.RevocationReason;
import dev.jpki.verify.revocation.RevocationSource;
import dev.jpki.verify.revocation.RevocationStatus;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A certificate validated before is not checked again in full (its path and profile cannot change), but
 * every check that depends on the time or on revocation still runs on each call.
 */
class SeenCertificateTest {
  private final X509Certificate sign = Personas.get(Personas.DEFAULT).signCertificate().orElseThrow();

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(TestPki.REFERENCE_TIME);

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
      return now.get();
    }
  }

  private static CertificateValidator validator(Clock clock, RevocationSource revocation) {
    return CertificateValidator.builder().trustAnchors(Fixtures.anchors()).revocation(revocation).clock(clock)
        .policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN).policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH).build();
  }

  @Test
  void seenCertificate_skipsTheSignatureCheck_butGivesTheSameVerdict() {
    CertificateValidator v = validator(Fixtures.CLOCK, (c, i, at) -> RevocationStatus.good("test"));
    CountingCertificate first = new CountingCertificate(sign);
    VerificationResult r1 = v.validate(first, KeyType.SIGNATURE);
    assertThat(r1.isValid()).as(r1.toString()).isTrue();
    assertThat(first.verifications()).isEqualTo(1);

    CountingCertificate again = new CountingCertificate(sign); // same bytes, new object
    VerificationResult r2 = v.validate(again, KeyType.SIGNATURE);
    assertThat(r2.isValid()).as(r2.toString()).isTrue();
    assertThat(again.verifications()).as("no RSA operation for a certificate seen before").isZero();
    assertThat(r2.path()).hasSize(2);
    assertThat(r2.path().get(0)).isSameAs(again);
    assertThat(r2.path().get(1)).isEqualTo(PKI.signRoot());
    assertThat(r2.certificateType()).contains(KeyType.SIGNATURE);
  }

  @Test
  void seenCertificate_laterExpired_isExpired() {
    MovableClock clock = new MovableClock();
    CertificateValidator v = validator(clock, (c, i, at) -> RevocationStatus.good("test"));
    assertThat(v.validate(sign, KeyType.SIGNATURE).isValid()).isTrue();
    clock.now.set(sign.getNotAfter().toInstant().plus(Duration.ofDays(1)));
    VerificationResult r = v.validate(sign, KeyType.SIGNATURE);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.EXPIRED)).isTrue();
    clock.now.set(sign.getNotBefore().toInstant().minus(Duration.ofDays(1)));
    assertThat(v.validate(sign, KeyType.SIGNATURE).hasFailure(FailureCode.NOT_YET_VALID)).isTrue();
  }

  @Test
  void seenCertificate_revokedSinceTheLastCall_isRevoked() {
    AtomicReference<RevocationStatus> status = new AtomicReference<>(RevocationStatus.good("test"));
    CertificateValidator v = validator(Fixtures.CLOCK, (c, i, at) -> status.get());
    assertThat(v.validate(sign, KeyType.SIGNATURE).isValid()).isTrue();
    status.set(RevocationStatus.revoked(RevocationReason.KEY_COMPROMISE, null, "test"));
    VerificationResult r = v.validate(sign, KeyType.SIGNATURE);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.REVOKED)).isTrue();
    status.set(RevocationStatus.unavailable("test", "responder down"));
    assertThat(v.validate(sign, KeyType.SIGNATURE).status()).isEqualTo(Status.INDETERMINATE);
  }

  @Test
  void seenCertificate_otherExpectedType_isStillAProfileFailure() {
    CertificateValidator v = validator(Fixtures.CLOCK, (c, i, at) -> RevocationStatus.good("test"));
    assertThat(v.validate(sign, KeyType.SIGNATURE).isValid()).isTrue();
    VerificationResult r = v.validate(sign, KeyType.AUTHENTICATION);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.PROFILE)).isTrue();
    assertThat(v.validate(sign).isValid()).isTrue();
  }

  @Test
  void invalidCertificate_isCheckedInFullEveryTime() throws Exception {
    // a certificate that failed is not remembered: its failures come back in full on each call
    X509Certificate foreign = PKI.leaf(KeyType.SIGNATURE).build().certificate();
    X509Certificate reparsed = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(foreign.getEncoded()));
    CertificateValidator other = CertificateValidator.builder()
        .trustAnchors(TrustAnchors.builder().add(PKI.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION).build())
        .revocation((c, i, at) -> RevocationStatus.good("test")).clock(Fixtures.CLOCK)
        .policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN).policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH).build();
    for (X509Certificate c : List.of(foreign, reparsed, foreign)) {
      CountingCertificate counted = new CountingCertificate(c);
      VerificationResult r = other.validate(counted, KeyType.SIGNATURE);
      assertThat(r.hasFailure(FailureCode.UNTRUSTED_ISSUER)).as(r.toString()).isTrue();
    }
  }
}
