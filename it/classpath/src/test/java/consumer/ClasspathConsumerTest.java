// SPDX-License-Identifier: Apache-2.0
package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpki.JpkiException;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.cli.Main;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.VerificationResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/**
 * The README's programs, built from the installed artifacts only (jpki-bom + published modules), run on the
 * virtual card from jpki-testkit (test scope, as users add it).
 */
class ClasspathConsumerTest {
  private final Persona persona = Personas.get("default");

  @Test
  void readsTheAuthenticationCertificateWithoutAPin() throws Exception {
    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport())) {
      X509Certificate certificate = card.jpki().authCertificate();
      assertEquals("RSA", certificate.getPublicKey().getAlgorithm());
    }
  }

  @Test
  void signsADocumentWithTheSignatureKeyAndTheServerAcceptsIt() throws Exception {
    byte[] document = "hello, JPKI".getBytes(StandardCharsets.UTF_8);
    X509Certificate certificate;
    byte[] signature;
    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport());
        Pin password = Pin.signaturePassword("ABC123".toCharArray())) {
      certificate = card.jpki().signatureCertificate(password);
      signature = card.jpki().signHash(KeyType.SIGNATURE, HashAlgorithm.SHA256, HashAlgorithm.SHA256.digest(document));
    }
    VerificationResult result =
        TestVerification.forPersona(persona).signatureVerifier().verifyRaw(signature, document, certificate);
    assertEquals(Status.VALID, result.status(), result.toString());
  }

  @Test
  void verifiesALoginOnTheServer() throws Exception {
    TestVerification test = TestVerification.forPersona(persona);
    LoginVerifier logins = LoginVerifier.builder(test.certificateValidator()).origin("https://consumer.example")
        .build();
    Challenge challenge = logins.newChallenge("session-1");
    byte[] signature;
    byte[] certificate;
    try (MyNumberCard card = MyNumberCard.open(persona.newCard().transport())) {
      certificate = card.jpki().authCertificate().getEncoded();
      try (Pin pin = Pin.authentication("1234".toCharArray())) {
        card.jpki().verify(pin);
      }
      signature = card.jpki().signLogin("https://consumer.example", challenge.value());
    }
    LoginResult result = logins.verify(challenge.encoded(), signature, certificate);
    assertTrue(result.isValid(), result.toString());
  }

  @Test
  void jpkiVersionPrintsTheVersionInTheJarManifests() {
    String expected = System.getProperty("jpki.version");
    assertEquals(expected, JpkiException.class.getPackage().getImplementationVersion(), "jpki-core manifest");
    assertEquals(expected, Main.class.getPackage().getImplementationVersion(), "jpki-cli manifest");
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"version"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertEquals(0, code);
    assertTrue(out.toString().startsWith("jpki " + expected + " "), out.toString());
  }
}
