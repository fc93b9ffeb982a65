// SPDX-License-Identifier: Apache-2.0
package consumer;

import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.pcsc.PcscReaders;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/** Runs the README's three programs on the virtual card from a named module; exits 1 on any wrong answer. */
public final class ModulePathConsumer {
  private ModulePathConsumer() {}

  /**
   * Entry point.
   *
   * @param args unused
   * @throws Exception on a card or verification failure
   */
  public static void main(String[] args) throws Exception {
    Persona persona = Personas.get("default");
    TestVerification test = TestVerification.forPersona(persona);
    // The PC/SC module resolves on the module path (java.smartcardio); no reader is needed to load it.
    check(PcscReaders.class.getModule().isNamed(), "dev.jpki.pcsc is a named module");

    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport())) {
      X509Certificate certificate = card.jpki().authCertificate();
      check("RSA".equals(certificate.getPublicKey().getAlgorithm()), "auth certificate read");
    }

    byte[] document = "hello, JPKI".getBytes(StandardCharsets.UTF_8);
    X509Certificate signer;
    byte[] signature;
    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport());
        Pin password = Pin.signaturePassword("ABC123".toCharArray())) {
      signer = card.jpki().signatureCertificate(password);
      signature = card.jpki().signHash(KeyType.SIGNATURE, HashAlgorithm.SHA256, HashAlgorithm.SHA256.digest(document));
    }
    VerificationResult verdict = test.signatureVerifier().verifyRaw(signature, document, signer);
    check(verdict.status() == Status.VALID, "document signature VALID");

    LoginVerifier logins = LoginVerifier.builder(test.certificateValidator()).origin("https://consumer.example")
        .build();
    Challenge challenge = logins.newChallenge("session-1");
    byte[] answer;
    byte[] authCertificate;
    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport())) {
      authCertificate = card.jpki().authCertificate().getEncoded();
      try (Pin pin = Pin.authentication("1234".toCharArray())) {
        card.jpki().verify(pin);
      }
      answer = card.jpki().signLogin("https://consumer.example", challenge.value());
    }
    LoginResult login = logins.verify(challenge.encoded(), answer, authCertificate);
    check(login.isValid(), "login VALID");
    System.out.println("module-path consumer: 3 programs OK (" + ModulePathConsumer.class.getModule() + ")");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("FAILED: " + what);
      System.exit(1);
    }
    System.out.println("ok: " + what);
  }
}
