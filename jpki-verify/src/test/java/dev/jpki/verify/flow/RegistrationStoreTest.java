// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.security.PublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistrationStoreTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final Persona MINOR = Personas.get(Personas.MINOR);
  private static final Instant T = Instant.parse("2026-11-27T03:00:00Z");

  private static PublicKey cardKey(Persona p) {
    return p.visualCardKeyPair().orElseThrow().getPublic();
  }

  @Test
  void savesFindsReplacesAndRemovesByCardKey() throws Exception {
    RegistrationStore store = RegistrationStore.inMemory();
    Registration r = Registration.of("acct-1", cardKey(P), P.authCertificate(), T);
    store.save(r);
    byte[] key = Registration.cardKeyDigest(cardKey(P));
    assertThat(store.findByCardKey(key)).contains(r);
    assertThat(store.findByCardKey(Registration.cardKeyDigest(cardKey(MINOR)))).isEmpty();

    Registration again = Registration.of("acct-2", cardKey(P), P.authCertificate(), T.plusSeconds(60));
    store.save(again);
    assertThat(store.findByCardKey(key)).contains(again);
    assertThat(store.findByAccount("acct-1")).isEmpty();
    assertThat(store.findByAccount("acct-2")).containsExactly(again);

    assertThat(store.remove(key)).isTrue();
    assertThat(store.remove(key)).isFalse();
    assertThat(store.findByCardKey(key)).isEmpty();
  }

  @Test
  void registrationMatchesOnlyItsCardAndCertificateAndRoundTripsThroughRestore() {
    Registration r = Registration.of("acct-1", cardKey(P), P.authCertificate(), T);
    assertThat(r.cardKeyDigest()).isEqualTo(Registration.cardKeyDigest(cardKey(P)))
        .isNotEqualTo(Registration.cardKeyDigest(cardKey(MINOR)));
    assertThat(r.matchesCertificate(P.authCertificate())).isTrue();
    assertThat(r.matchesCertificate(MINOR.authCertificate())).isFalse();
    Registration back =
        Registration.restore(
            r.accountId(),
            r.cardKeyDigest(),
            r.authCertificateDigest(),
            r.authCertificateIssuer(),
            r.authCertificateSerial(),
            r.authCertificateNotAfter(),
            r.registeredAt());
    assertThat(back).isEqualTo(r);
    assertThat(r.toString()).doesNotContain("acct-1");
  }

  @Test
  void restoreRefusesDigestsOfTheWrongLength() {
    Registration r = Registration.of("acct-1", cardKey(P), P.authCertificate(), T);
    assertThatThrownBy(
            () ->
                Registration.restore(
                    "a", new byte[31], r.authCertificateDigest(), "CN=x", r.authCertificateSerial(), T, T))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
