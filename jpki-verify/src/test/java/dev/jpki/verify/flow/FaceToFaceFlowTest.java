// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static dev.jpki.verify.flow.FlowFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.flow.FaceToFaceCheck;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Registration with the PIN, then PIN-less face-to-face confirmation, and the mismatches. */
class FaceToFaceFlowTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);

  private static byte[] register(Persona p, byte[] c) throws Exception {
    try (MyNumberCard card = open(p);
        Pin pin = Pin.authentication(p.authPin().toCharArray());
        Pin dob = Pin.dateOfBirthKey(p.dobKey().toCharArray())) {
      return FaceToFaceCheck.register(card, pin, dob, c).toBytes();
    }
  }

  private static byte[] visitWithB(Persona p, byte[] c) throws Exception {
    try (MyNumberCard card = open(p); Pin b = Pin.verificationCodeB(p.pinB().toCharArray())) {
      return FaceToFaceCheck.collect(card, b, c).toBytes();
    }
  }

  private static byte[] visitWithDobKey(Persona p, byte[] c) throws Exception {
    try (MyNumberCard card = open(p); Pin k = Pin.dateOfBirthKey(p.dobKey().toCharArray())) {
      return FaceToFaceCheck.collect(card, k, c).toBytes();
    }
  }

  @Test
  void registrationThenPinLessVisitsMatch() throws Exception {
    RegistrationStore store = RegistrationStore.inMemory();
    FaceToFaceVerifier server = FlowFixtures.faceToFace(store);
    byte[] c1 = server.newChallenge();
    FaceToFaceResult reg = server.register(register(P, c1), c1, "acct-1");
    assertThat(reg.status()).as(reg.toString()).isEqualTo(Status.VALID);
    assertThat(store.findByAccount("acct-1")).hasSize(1);

    byte[] c2 = server.newChallenge();
    FaceToFaceResult withB = server.verify(visitWithB(P, c2), c2, "acct-1");
    assertThat(withB.status()).as(withB.toString()).isEqualTo(Status.VALID);
    assertThat(withB.genuine()).isTrue();
    assertThat(withB.live()).isTrue();
    assertThat(withB.certificateValid()).isTrue();
    assertThat(withB.registration()).isPresent();
    assertThat(withB.registration().map(Registration::accountId)).contains("acct-1");
    assertThat(withB.toString()).doesNotContain("acct-1");

    byte[] c3 = server.newChallenge();
    FaceToFaceResult withDob = server.verify(visitWithDobKey(P, c3), c3, null);
    assertThat(withDob.status()).as(withDob.toString()).isEqualTo(Status.VALID);
    assertThat(withDob.registration().map(Registration::accountId)).contains("acct-1");
  }

  @Test
  void unregisteredCardIsNotMatchedButStillReportedGenuineAndLive() throws Exception {
    FaceToFaceVerifier server = FlowFixtures.faceToFace(RegistrationStore.inMemory());
    byte[] c = server.newChallenge();
    FaceToFaceResult r = server.verify(visitWithB(P, c), c, null);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.hasFailure(FailureCode.NOT_REGISTERED)).isTrue();
    assertThat(r.genuine()).isTrue();
    assertThat(r.live()).isTrue();
    assertThat(r.registration()).isEmpty();
  }

  @Test
  void differentCardThanRegisteredIsRefused() throws Exception {
    RegistrationStore store = RegistrationStore.inMemory();
    FaceToFaceVerifier server = FlowFixtures.faceToFace(store);
    byte[] c1 = server.newChallenge();
    assertThat(server.register(register(P, c1), c1, "acct-1").isValid()).isTrue();
    Persona other = Personas.get(Personas.MINOR);
    byte[] c2 = server.newChallenge();
    FaceToFaceResult r = server.verify(visitWithB(other, c2), c2, "acct-1");
    assertThat(r.hasFailure(FailureCode.DIFFERENT_CARD)).as(r.toString()).isTrue();
    assertThat(r.registration()).isEmpty();

    byte[] c3 = server.newChallenge();
    assertThat(server.register(register(other, c3), c3, "acct-2").isValid()).isTrue();
    byte[] c4 = server.newChallenge();
    FaceToFaceResult r2 = server.verify(visitWithB(other, c4), c4, "acct-1");
    assertThat(r2.hasFailure(FailureCode.DIFFERENT_CARD)).as(r2.toString()).isTrue();
  }

  @Test
  void revokedAuthCertificateCannotRegisterNorPassLater() throws Exception {
    Persona revoked = Personas.get(Personas.REVOKED);
    RegistrationStore store = RegistrationStore.inMemory();
    FaceToFaceVerifier server = FlowFixtures.faceToFace(store);
    byte[] c1 = server.newChallenge();
    FaceToFaceResult reg = server.register(register(revoked, c1), c1, "acct-r");
    assertThat(reg.hasFailure(FailureCode.REVOKED)).as(reg.toString()).isTrue();
    assertThat(store.findByAccount("acct-r")).isEmpty();

    // registered while it was still valid: later visits must still fail on the revocation
    store.save(Registration.of("acct-r", revoked.visualCardKeyPair().orElseThrow().getPublic(),
        revoked.authCertificate(), Instant.parse("2025-01-01T00:00:00Z")));
    byte[] c2 = server.newChallenge();
    FaceToFaceResult r = server.verify(visitWithB(revoked, c2), c2, "acct-r");
    assertThat(r.hasFailure(FailureCode.REVOKED)).as(r.toString()).isTrue();
    assertThat(r.certificateValid()).isFalse();
    assertThat(r.genuine()).isTrue();
    assertThat(r.registration()).isEmpty();
  }

  @Test
  void expiredAuthCertificateFailsTheVisit() throws Exception {
    Persona expired = Personas.get(Personas.EXPIRED);
    RegistrationStore store = RegistrationStore.inMemory();
    store.save(Registration.of("acct-e", expired.visualCardKeyPair().orElseThrow().getPublic(),
        expired.authCertificate(), Instant.parse("2020-01-01T00:00:00Z")));
    FaceToFaceVerifier server = FlowFixtures.faceToFace(store);
    byte[] c = server.newChallenge();
    FaceToFaceResult r = server.verify(visitWithB(expired, c), c, "acct-e");
    assertThat(r.hasFailure(FailureCode.EXPIRED)).as(r.toString()).isTrue();
    assertThat(r.registration()).isEmpty();
  }

  @Test
  void expiredCardFailsTheVisit() throws Exception {
    Persona old = Persona.builder("old-card-f2f")
        .name("試験　太郎").address("東京都千代田区霞が関１－１－１").sex(dev.jpki.card.Sex.MALE)
        .myNumber("123456789018")
        .birthDate(LocalDate.of(1980, 4, 1))
        .cardIssued(LocalDate.of(2016, 1, 15))
        .securityCode("2468")
        .build();
    FaceToFaceVerifier server = FlowFixtures.faceToFace(RegistrationStore.inMemory());
    byte[] c = server.newChallenge();
    FaceToFaceResult r = server.verify(visitWithB(old, c), c, null);
    assertThat(r.hasFailure(FailureCode.CARD_EXPIRED)).as(r.toString()).isTrue();
  }

  @Test
  void renewedCertificateNeedsANewRegistration() throws Exception {
    RegistrationStore store = RegistrationStore.inMemory();
    // the card key registered with a different (older) authentication certificate
    store.save(Registration.of("acct-1", P.visualCardKeyPair().orElseThrow().getPublic(),
        Personas.get(Personas.MINOR).authCertificate(), Instant.parse("2024-06-02T00:00:00Z")));
    FaceToFaceVerifier server = FlowFixtures.faceToFace(store);
    byte[] c = server.newChallenge();
    FaceToFaceResult r = server.verify(visitWithB(P, c), c, "acct-1");
    assertThat(r.hasFailure(FailureCode.CERTIFICATE_CHANGED)).as(r.toString()).isTrue();
  }

  @Test
  void failingStoreIsIndeterminateNotMatched() throws Exception {
    RegistrationStore broken = new RegistrationStore() {
      @Override
      public void save(Registration registration) throws RegistrationStoreException {
        throw new RegistrationStoreException("database down", null);
      }

      @Override
      public Optional<Registration> findByCardKey(byte[] cardKeyDigest) throws RegistrationStoreException {
        throw new RegistrationStoreException("database down", null);
      }

      @Override
      public List<Registration> findByAccount(String accountId) throws RegistrationStoreException {
        throw new RegistrationStoreException("database down", null);
      }

      @Override
      public boolean remove(byte[] cardKeyDigest) throws RegistrationStoreException {
        throw new RegistrationStoreException("database down", null);
      }
    };
    FaceToFaceVerifier server = FlowFixtures.faceToFace(broken);
    byte[] c = server.newChallenge();
    FaceToFaceResult r = server.verify(visitWithB(P, c), c, null);
    assertThat(r.status()).isEqualTo(Status.INDETERMINATE);
    assertThat(r.hasFailure(FailureCode.REGISTRATION_STORE_UNAVAILABLE)).isTrue();
    byte[] c2 = server.newChallenge();
    FaceToFaceResult reg = server.register(register(P, c2), c2, "acct-1");
    assertThat(reg.hasFailure(FailureCode.REGISTRATION_STORE_UNAVAILABLE)).isTrue();
    assertThat(reg.registration()).isEmpty();
  }

  @Test
  void replayedVisitIsRefused() throws Exception {
    RegistrationStore store = RegistrationStore.inMemory();
    FaceToFaceVerifier server = FlowFixtures.faceToFace(store);
    byte[] c1 = server.newChallenge();
    server.register(register(P, c1), c1, "acct-1");
    byte[] c2 = server.newChallenge();
    byte[] wire = visitWithB(P, c2);
    assertThat(server.verify(wire, c2, null).isValid()).isTrue();
    FaceToFaceResult replay = server.verify(wire, c2, null);
    assertThat(replay.hasFailure(FailureCode.CHALLENGE_UNKNOWN)).isTrue();
    assertThat(replay.registration()).isEmpty();
  }

  @Test
  void smartphoneTokenHasNoVisualApplication() throws Exception {
    Persona phone = Personas.get(Personas.SMARTPHONE);
    assertThatThrownBy(() -> visitWithB(Personas.get(Personas.DEFAULT), new byte[8]))
        .isInstanceOf(IllegalArgumentException.class); // short challenge refused before any APDU
    try (MyNumberCard card = open(phone); Pin b = Pin.verificationCodeB(P.pinB().toCharArray())) {
      assertThatThrownBy(() -> FaceToFaceCheck.collect(card, b, new byte[32]))
          .isInstanceOf(ApplicationNotFoundException.class);
    }
  }
}
