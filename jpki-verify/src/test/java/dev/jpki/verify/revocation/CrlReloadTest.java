// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 finding 5 (JPKI-2026-005): a reloaded CRL replaced the held one when its thisUpdate was later,
 * its signature checked only at use. A forged far-future CRL therefore made every later genuine CRL "older"
 * and was refused, so a revoked certificate went from REVOKED to UNAVAILABLE until a restart.
 */
class CrlReloadTest {
  private static final Instant NOW = TestPki.REFERENCE_TIME;
  private static final X509Certificate REVOKED = Personas.get(Personas.REVOKED).authCertificate();
  private static final X509Certificate ROOT = PKI.authRoot();

  private final AtomicReference<Instant> wall = new AtomicReference<>(NOW);
  private final Clock wallClock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return this;
    }

    @Override
    public Instant instant() {
      return wall.get();
    }
  };

  private static byte[] genuine(Instant thisUpdate) throws Exception {
    return PKI.crlBuilder(KeyType.AUTHENTICATION).updates(thisUpdate, thisUpdate.plus(Duration.ofDays(2))).standardEntries()
        .build().getEncoded();
  }

  private static byte[] forgedFarFuture() throws Exception {
    Instant t = NOW.plus(Duration.ofDays(3650));
    return PKI.crlBuilder(KeyType.AUTHENTICATION).updates(t, t.plus(Duration.ofDays(1))).signedByForeignRoot().build()
        .getEncoded();
  }

  private CrlRevocationSource source(Path file) {
    return CrlRevocationSource.builder().file(file).wallClock(wallClock).retryInterval(Duration.ofMinutes(1))
        .refreshInterval(Duration.ofHours(1)).build();
  }

  private RevocationStatus.Kind checkAfter(CrlRevocationSource src, Duration wallAdvance) {
    wall.set(wall.get().plus(wallAdvance));
    return src.check(REVOKED, ROOT, NOW).kind();
  }

  @Test
  void forgedFarFutureCrl_doesNotReplaceTheHeldGenuineOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("auth.crl");
    Files.write(file, genuine(NOW.minus(Duration.ofHours(1))));
    CrlRevocationSource src = source(file);
    assertThat(checkAfter(src, Duration.ZERO)).isEqualTo(RevocationStatus.Kind.REVOKED);

    Files.write(file, forgedFarFuture());
    assertThat(checkAfter(src, Duration.ofHours(2))).isEqualTo(RevocationStatus.Kind.REVOKED);

    // the next genuine CRL is still taken, although the forged one claimed a later thisUpdate
    Files.write(file, genuine(NOW));
    assertThat(checkAfter(src, Duration.ofHours(2))).isEqualTo(RevocationStatus.Kind.REVOKED);
    assertThat(src.loaded()).singleElement().satisfies(c -> assertThat(c.thisUpdate()).isEqualTo(NOW));
  }

  @Test
  void forgedFarFutureCrlLoadedFirst_isReplacedByTheNextGenuineOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("auth.crl");
    Files.write(file, forgedFarFuture());
    CrlRevocationSource src = source(file);
    assertThat(checkAfter(src, Duration.ZERO)).isEqualTo(RevocationStatus.Kind.UNAVAILABLE);

    // no restart needed: at the next reload the genuine CRL replaces the one that never verified, although
    // the forged one claims a later thisUpdate (a forged CRL naming the genuine key identifier fails its
    // signature check and is reloaded already after the retry interval)
    Files.write(file, genuine(NOW));
    assertThat(checkAfter(src, Duration.ofHours(2))).isEqualTo(RevocationStatus.Kind.REVOKED);
  }

  @Test
  void olderGenuineCrl_afterANewerGenuineOne_isStillRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("auth.crl");
    Files.write(file, genuine(NOW));
    CrlRevocationSource src = source(file);
    assertThat(checkAfter(src, Duration.ZERO)).isEqualTo(RevocationStatus.Kind.REVOKED);
    Files.write(file, genuine(NOW.minus(Duration.ofDays(1))));
    checkAfter(src, Duration.ofHours(2));
    assertThat(src.loaded()).singleElement().satisfies(c -> assertThat(c.thisUpdate()).isEqualTo(NOW));
  }
}
