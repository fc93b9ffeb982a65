// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import java.util.Base64;

/**
 * Login with the card, both halves, the challenge travelling in its wire form (a base64url string): the
 * server issues it, the holder's software signs it with the authentication key bound to the origin it
 * connected to, the server checks signature, origin, single use and the certificate. The
 * {@code login} package shows the same over HTTP. Run: {@code JPKI_PIN=1234 java ... dev.jpki.examples.Login
 * --virtual}
 */
public final class Login {
  private Login() {}

  /** What the holder's software sends back: the signature and the authentication certificate (DER). */
  @SuppressWarnings("ArrayRecordComponent") // a message to post, never compared
  public record Answer(byte[] signature, byte[] certificate) {}

  /**
   * Client side: signs the server's challenge after the PIN.
   *
   * @param transport a connected card; closed afterwards
   * @param pin the authentication PIN
   * @param origin the origin the software connected to (never what the server claims)
   * @param wireChallenge the challenge as received
   * @return the answer to post
   * @throws Exception a wrong PIN (PinException), a card failure
   */
  public static Answer sign(CardTransport transport, Pin pin, String origin, String wireChallenge) throws Exception {
    byte[] challenge = Base64.getUrlDecoder().decode(wireChallenge);
    try (MyNumberCard card = Jpki.open(transport)) {
      card.jpki().verify(pin);
      return new Answer(card.jpki().signLogin(origin, challenge), card.jpki().authCertificate().getEncoded());
    }
  }

  /**
   * Entry point: {@code [--virtual]}; the PIN from {@code JPKI_PIN}. The server checks against the test PKI.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("Login", () -> {
      TestVerification test = TestVerification.create();
      LoginVerifier server = LoginVerifier.builder(test.certificateValidator()).origin("https://login.example.jp")
          .build();
      Challenge challenge = server.newChallenge(); // the server keeps it until used or expired
      try (Pin pin = Pin.authentication(ExampleMain.secret("JPKI_PIN"))) {
        Answer a = sign(ExampleMain.card(args), pin, "https://login.example.jp", challenge.encoded());
        LoginResult result = server.verify(challenge.encoded(), a.signature(), a.certificate());
        System.out.println("login " + result.verification().status());
      }
    });
  }
}
