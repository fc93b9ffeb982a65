// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.WrongPinException;
import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.card.flow.OcrFields;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.pki.TestOcspServer;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.flow.AgeResult;
import dev.jpki.verify.flow.AgeVerifier;
import dev.jpki.verify.flow.FaceToFaceResult;
import dev.jpki.verify.flow.FaceToFaceVerifier;
import dev.jpki.verify.flow.RegistrationStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example of this module run on the virtual card, with its outcome asserted. */
class ExamplesTest {
  private static final Persona DEFAULT = Personas.get("default");
  private static final byte[] CONTENT = "契約書 v1".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void readCertificates_writesTheFourCertificatesOfTheCard() throws Exception {
    List<Path> files = ReadCertificates.read(DEFAULT.newCard().transport(), "ABC123".toCharArray(), dir);
    assertThat(files).extracting(p -> p.getFileName().toString())
        .containsExactly("auth.pem", "auth-ca.pem", "sign.pem", "sign-ca.pem");
    assertThat(pem(files.get(0))).isEqualTo(DEFAULT.authCertificate());
    assertThat(pem(files.get(2))).isEqualTo(DEFAULT.signCertificate().orElseThrow());
    pem(files.get(2)).verify(pem(files.get(3)).getPublicKey()); // the CA certificate issued the leaf
  }

  @Test
  void readCertificates_wrongPassword_isWrongPin_andWritesNoSignatureCertificate() {
    assertThatThrownBy(() -> ReadCertificates.read(DEFAULT.newCard().transport(), "WRONG1".toCharArray(), dir))
        .isInstanceOf(WrongPinException.class);
    assertThat(dir.resolve("sign.pem")).doesNotExist();
  }

  @Test
  void signAndVerifyCms_attachedAndDetached_valid_andChangedContentInvalid() throws Exception {
    var verifier = TestVerification.forPersona(DEFAULT).signatureVerifier();
    byte[] attached = SignAndVerifyCms.sign(DEFAULT.newCard().transport(), "ABC123".toCharArray(), CONTENT, false);
    assertThat(verifier.verifyCms(attached).status()).isEqualTo(Status.VALID);
    byte[] detached = SignAndVerifyCms.sign(DEFAULT.newCard().transport(), "ABC123".toCharArray(), CONTENT, true);
    assertThat(verifier.verifyCms(detached, CONTENT).status()).isEqualTo(Status.VALID);
    VerificationResult changed = verifier.verifyCms(detached, "契約書 v2".getBytes(StandardCharsets.UTF_8));
    assertThat(changed.hasFailure(FailureCode.DIGEST_MISMATCH)).isTrue();
  }

  @Test
  void changePin_newPinWorks_oldOneNoLonger() throws Exception {
    VirtualMyNumberCard card = DEFAULT.newCard();
    ChangePin.change(card.transport(), "1234".toCharArray(), "5678".toCharArray());
    try (MyNumberCard c = MyNumberCard.open(card.transport())) {
      c.jpki().verify(Pin.authentication("5678".toCharArray()));
      assertThatThrownBy(() -> c.jpki().verify(Pin.authentication("1234".toCharArray())))
          .isInstanceOf(WrongPinException.class);
    }
  }

  @Test
  void changePin_malformedNewPin_refusedBeforeTheCard_noTrySpent() throws Exception {
    VirtualMyNumberCard card = DEFAULT.newCard();
    assertThatThrownBy(() -> ChangePin.change(card.transport(), "1234".toCharArray(), "12".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
    try (MyNumberCard c = MyNumberCard.open(card.transport())) {
      assertThat(c.jpki().pinStatus(dev.jpki.card.PinType.AUTHENTICATION).triesLeft()).hasValue(3);
    }
  }

  @Test
  void readCardFace_writesTheChipPhoto() throws Exception {
    Path photo = ReadCardFace.photo(DEFAULT.newCard().transport(), DEFAULT.pinB().toCharArray(), dir);
    assertThat(photo.getFileName().toString()).isEqualTo("photo.jp2");
    try (MyNumberCard c = MyNumberCard.open(DEFAULT.newCard().transport())) {
      byte[] expected = c.visual().cardFace(Pin.verificationCodeB(DEFAULT.pinB().toCharArray())).photo();
      assertThat(Files.readAllBytes(photo)).isEqualTo(expected).isNotEmpty();
    }
  }

  @Test
  void checkAge_everyPattern_adultIsOver18() throws Exception {
    AgeVerifier server = TestServer.ageVerifier();
    AgeResult sign = CheckAge.check(DEFAULT.newCard().transport(), server, EvidenceKind.AGE_SIGNATURE_CERTIFICATE,
        Pin.signaturePassword("ABC123".toCharArray()), 18);
    AgeResult face = CheckAge.check(DEFAULT.newCard().transport(), server, EvidenceKind.AGE_CARD_FACE,
        Pin.verificationCodeB(DEFAULT.pinB().toCharArray()), 18);
    AgeResult dob = CheckAge.check(DEFAULT.newCard().transport(), server, EvidenceKind.AGE_DATE_OF_BIRTH_KEY,
        Pin.dateOfBirthKey(DEFAULT.dobKey().toCharArray()), 18);
    AgeResult ocr = CheckAge.checkOcr(DEFAULT.newCard().transport(), server,
        OcrFields.of("1990-05-15", "2034", "5678".toCharArray()), 18);
    for (AgeResult r : List.of(sign, face, dob, ocr)) {
      assertThat(r.status()).as(r.notProven() + " " + r.failures()).isEqualTo(Status.VALID);
      assertThat(r.meetsMinimum()).contains(true);
    }
  }

  @Test
  void checkAge_minor_isUnder18() throws Exception {
    Persona minor = Personas.get("minor");
    AgeResult r = CheckAge.check(minor.newCard().transport(), TestServer.ageVerifier(), EvidenceKind.AGE_CARD_FACE,
        Pin.verificationCodeB(minor.pinB().toCharArray()), 18);
    assertThat(r.status()).isEqualTo(Status.VALID);
    assertThat(r.meetsMinimum()).contains(false);
  }

  @Test
  void faceToFace_registerThenPinLessVisit_genuineLiveAndMatched() throws Exception {
    FaceToFaceVerifier server = TestServer.faceToFaceVerifier(RegistrationStore.inMemory());
    Pin b = Pin.verificationCodeB(DEFAULT.pinB().toCharArray());
    assertThat(FaceToFace.register(DEFAULT.newCard().transport(), server, Pin.authentication("1234".toCharArray()),
        b, "holder-1").isValid()).isTrue();
    FaceToFaceResult visit = FaceToFace.visit(DEFAULT.newCard().transport(), server, b);
    assertThat(visit.status()).as(visit.failures().toString()).isEqualTo(Status.VALID);
    assertThat(visit.genuine()).isTrue();
    assertThat(visit.live()).isTrue();
    assertThat(visit.registration()).isPresent();
  }

  @Test
  void faceToFace_unregisteredCard_isNotMatched() throws Exception {
    FaceToFaceVerifier server = TestServer.faceToFaceVerifier(RegistrationStore.inMemory());
    FaceToFaceResult visit = FaceToFace.visit(DEFAULT.newCard().transport(), server,
        Pin.verificationCodeB(DEFAULT.pinB().toCharArray()));
    assertThat(visit.registration()).isEmpty();
    assertThat(visit.isValid()).isFalse();
  }

  @Test
  void login_clientAndServer_overTheWireForm_valid_andTheChallengeIsSingleUse() throws Exception {
    TestVerification test = TestVerification.forPersona(DEFAULT);
    LoginVerifier server = LoginVerifier.builder(test.certificateValidator()).origin("https://login.example.jp")
        .build();
    String wire = server.newChallenge().encoded();
    Login.Answer a = Login.sign(DEFAULT.newCard().transport(), Pin.authentication("1234".toCharArray()),
        "https://login.example.jp", wire);
    assertThat(server.verify(wire, a.signature(), a.certificate()).isValid()).isTrue();
    assertThat(server.verify(wire, a.signature(), a.certificate()).isValid()).isFalse(); // replay
  }

  @Test
  void login_signedForAnotherOrigin_isInvalid() throws Exception {
    TestVerification test = TestVerification.forPersona(DEFAULT);
    LoginVerifier server = LoginVerifier.builder(test.certificateValidator()).origin("https://login.example.jp")
        .build();
    String wire = server.newChallenge().encoded();
    Login.Answer a = Login.sign(DEFAULT.newCard().transport(), Pin.authentication("1234".toCharArray()),
        "https://phishing.example", wire);
    assertThat(server.verify(wire, a.signature(), a.certificate()).isValid()).isFalse();
  }

  @Test
  void verifyWithCrlAndOcsp_defaultValid_revokedInvalid_bothSources() throws Exception {
    TestPki pki = TestPki.get();
    TestVerification test = TestVerification.create();
    try (TestOcspServer ocsp = TestOcspServer.start(pki, 0)) {
      for (String persona : List.of("default", "revoked")) {
        X509Certificate cert = Personas.get(persona).signCertificate().orElseThrow();
        Status expected = persona.equals("default") ? Status.VALID : Status.INVALID;
        assertThat(VerifyWithCrlAndOcsp.validate(cert, test.trustAnchors(), test.profile(),
            dev.jpki.verify.revocation.Revocation.crlUrl(ocsp.crlUri(dev.jpki.card.KeyType.SIGNATURE))).status())
            .as(persona + " CRL").isEqualTo(expected);
        assertThat(VerifyWithCrlAndOcsp.validate(cert, test.trustAnchors(), test.profile(),
            dev.jpki.verify.revocation.Revocation.ocsp(ocsp.ocspUri())).status())
            .as(persona + " OCSP").isEqualTo(expected);
      }
    }
  }

  private static X509Certificate pem(Path file) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }
}
