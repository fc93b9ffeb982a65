// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.Jpki;
import dev.jpki.card.CardFace;
import dev.jpki.card.CardSignature;
import dev.jpki.card.CardInfo;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.PinType;
import dev.jpki.card.VisualApplet;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.testkit.transport.LatencyModel;
import dev.jpki.testkit.transport.VirtualCardTransport;
import dev.jpki.verify.BasicFourInfo;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jpki demo}: the SDK's main jobs end to end on the embedded virtual card — no reader, no real
 * card, no real personal data. Card side and server side run in one process, as an app and its server
 * would: login with the authentication certificate, a signature with the signature certificate and the
 * 4 info and age it proves, a PIN-less face-to-face check of the card's genuineness, and a revoked card
 * being refused. Counts APDUs and card time with the virtual card's NFC latency model.
 */
@Command(name = "demo", description = "Login, signing, age check and a PIN-less genuineness check on the embedded virtual card.")
final class DemoCommand implements Callable<Integer> {
  /** One generator for the demo's challenges (SecureRandom seeds itself once). */
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  @Spec CommandSpec spec;

  private final StringBuilder text = new StringBuilder();
  private final ObjectNode doc = Output.object();
  private int apdus;
  private Duration cardTime = Duration.ZERO;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    Clock clock = Clock.system(JST);
    TestPki pki = TestPki.get();
    Persona persona = Personas.get(Personas.DEFAULT);

    // The server side: trust the test roots (production code would use TrustAnchors.production()),
    // accept the test hierarchy's policy OIDs, and check revocation against CRLs fresh now.
    TrustAnchors anchors = TrustAnchors.builder()
        .add(pki.root(KeyType.SIGNATURE), KeyType.SIGNATURE)
        .add(pki.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION)
        .build();
    RevocationSource crls = RevocationSource.crl(
        CrlIndex.parse(pki.crl(KeyType.SIGNATURE, clock.instant()).getEncoded()),
        CrlIndex.parse(pki.crl(KeyType.AUTHENTICATION, clock.instant()).getEncoded()));
    // The demo's relying party: logins are bound to its origin, so they are useless to any other site.
    String origin = "https://demo.jpki.invalid";
    CertificateValidator validator = CertificateValidator.builder().trustAnchors(anchors).acceptTestHierarchy()
        .revocation(crls).clock(clock).build();
    LoginVerifier login = LoginVerifier.builder(validator).origin(origin).build();
    SignatureVerifier signatures = SignatureVerifier.builder(validator).build();

    line("jpki demo: everything runs on the embedded virtual My Number Card (persona 'default', test PKI,");
    line("           synthetic data) with an NFC latency model; the server side runs in the same process.");
    line("");

    // 1. What is this card? No PIN, no try spent.
    CardInfo info = onCard(persona, MyNumberCard::info);
    line("1. Card:      " + info.tokenType() + ", applications " + info.applications()
        + ", user-auth PIN " + info.triesLeft(dev.jpki.card.Application.JPKI, PinType.AUTHENTICATION).orElse(-1)
        + " tries, signature password " + info.triesLeft(dev.jpki.card.Application.JPKI, PinType.SIGNATURE).orElse(-1) + " tries");
    doc.putObject("card").put("token", info.tokenType().isSmartphone() ? "smartphone" : "card");

    // 2. Login (FAQ: authentication certificate): server challenge, card signs with the auth key.
    Challenge challenge = login.newChallenge();
    // Local carriers between the card and the server side, never compared or hashed: array identity in
    // equals() does not matter here.
    @SuppressWarnings("ArrayRecordComponent")
    record LoginResponse(X509Certificate certificate, byte[] signature) {}
    LoginResponse signed = onCard(persona, card -> {
      try (Pin pin = Pin.authentication(persona.authPin().toCharArray())) {
        card.jpki().verify(pin);
      }
      return new LoginResponse(card.jpki().authCertificate(), card.jpki().signLogin(origin, challenge.value()));
    });
    LoginResult loggedIn = login.verify(challenge.value(), signed.signature(), signed.certificate());
    line("2. Login:     challenge bound to the site's origin, signed with the authentication key after the 4-digit PIN -> " + loggedIn.verification().status()
        + (loggedIn.subjectId().isPresent() ? ", subject id " + abbreviate(loggedIn.subjectId().get()) : ""));
    line("             (the authentication certificate carries no name, address or birth date)");
    doc.putObject("login").put("status", loggedIn.verification().status().name());
    LoginResult replay = login.verify(challenge.value(), signed.signature(), signed.certificate());
    line("             the same response replayed -> " + replay.verification().status() + " (challenges are single-use)");

    // 3. Signing with the signature certificate; the server learns the 4 info and the age from it.
    byte[] document = "申込書: 口座開設 / account opening form".getBytes(StandardCharsets.UTF_8);
    CardSignature signature = onCard(persona, card -> {
      try (Pin pw = Pin.signaturePassword(persona.signPassword().toCharArray())) {
        return card.jpki().sign(pw, document); // the password picks the signature key; SHA-256 inside
      }
    });
    X509Certificate signCert = signature.certificate();
    VerificationResult sigResult = signatures.verifyRaw(signature.signature(), document, signCert);
    BasicFourInfo four = BasicFourInfo.fromCertificate(signCert);
    LocalDate today = LocalDate.now(clock);
    LocalDate dob = four.dateOfBirth().date().orElseThrow(() -> new IllegalStateException("test DOB is complete"));
    int age = four.dateOfBirth().ageOn(today).orElseThrow();
    line("3. Signature: document signed with the signature key after the signature password -> "
        + sigResult.status());
    line("             4 info from the certificate: " + four.name() + " / " + dob + " / " + four.sex() + " / " + four.address());
    line("             age on " + today + " per 年齢計算ニ関スル法律: " + age + " -> 18 or over: " + (age >= 18 ? "yes" : "no"));
    doc.putObject("signature").put("status", sigResult.status().name()).put("age", age);

    // 4. PIN-less face-to-face check: 照合番号B from the printed card face opens the card face; the
    //    issuer signature proves the data genuine and a fresh challenge proves the chip is present.
    byte[] liveChallenge = new byte[32];
    RANDOM.nextBytes(liveChallenge);
    @SuppressWarnings("ArrayRecordComponent") // a local carrier like LoginResponse
    record FaceRead(CardFace face, byte[] cvc, byte[] liveSignature) {}
    FaceRead face = onCard(persona, card -> {
      VisualApplet visual = card.visual();
      try (Pin b = Pin.verificationCodeB(persona.pinB().toCharArray())) {
        CardFace f = visual.cardFace(b);
        return new FaceRead(f, visual.cardVerifiableCertificate(), visual.signChallenge(liveChallenge));
      }
    });
    CardFace cardFace = face.face();
    CardDataVerifier cardData = CardDataVerifier.builder()
        .issuerKey("6000023/001", pki.visualApCvcCaPublicKey()).clock(clock).build();
    VerificationResult genuine = cardData.verifyCardFace(face.cvc(), cardFace.encoded());
    VerificationResult live = cardData.verifyLiveness(cardFace.cardPublicKey(), liveChallenge, face.liveSignature());
    line("4. Face-to-face (no PIN): card face opened with verification code B (birth date, expiry year and"
        + " security code printed on the card)");
    line("             card-face signature -> " + genuine.status() + ", chip signed a fresh challenge -> "
        + live.status() + "; photo " + cardFace.photo().length + " bytes, born " + cardFace.birthDate()
        + ", card expires " + cardFace.expiryDate());
    doc.putObject("faceCheck").put("genuine", genuine.isValid()).put("live", live.isValid());

    // 5. A revoked card: the same login is refused.
    Persona revoked = Personas.get(Personas.REVOKED);
    Challenge c2 = login.newChallenge();
    LoginResponse r = onCard(revoked, card -> {
      try (Pin pin = Pin.authentication(revoked.authPin().toCharArray())) {
        card.jpki().verify(pin);
      }
      return new LoginResponse(card.jpki().authCertificate(), card.jpki().signLogin(origin, c2.value()));
    });
    LoginResult refused = login.verify(c2.value(), r.signature(), r.certificate());
    line("5. Revoked:   login with persona 'revoked' -> " + refused.verification().status()
        + (refused.verification().failures().isEmpty() ? "" : " (" + refused.verification().failures().get(0).code() + ")"));
    doc.putObject("revoked").put("status", refused.verification().status().name());

    line("");
    line("Card I/O: " + apdus + " APDUs, " + cardTime.toMillis() + " ms of simulated NFC card time.");
    doc.put("apdus", apdus).put("cardTimeMillis", cardTime.toMillis());
    main.output().print(doc, text.toString());
    boolean ok = loggedIn.isValid() && !replay.isValid() && sigResult.isValid() && genuine.isValid()
        && live.isValid() && !refused.isValid();
    return ok ? ExitCode.OK : ExitCode.NEGATIVE;
  }

  /** Runs card work on a freshly inserted virtual card with the NFC latency model, counting its I/O. */
  private <T> T onCard(Persona persona, Jpki.CardFunction<T> work) throws Exception {
    VirtualCardTransport t = VirtualCardTransport.builder(persona.newCard()).latency(LatencyModel.nfc()).build();
    try {
      return Jpki.with(t, work);
    } finally {
      apdus += t.apduCount();
      cardTime = cardTime.plus(t.simulatedTime());
    }
  }

  private void line(String s) {
    text.append(s).append('\n');
  }


  private static String abbreviate(String id) {
    return id.length() > 16 ? id.substring(0, 16) + "…" : id;
  }
}
