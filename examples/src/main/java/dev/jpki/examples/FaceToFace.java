// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.flow.FaceToFaceCheck;
import dev.jpki.verify.flow.FaceToFaceResult;
import dev.jpki.verify.flow.FaceToFaceVerifier;
import dev.jpki.verify.flow.RegistrationStore;

/**
 * PIN-less face-to-face confirmation at a counter (FAQ Q3-6, docs/faq-flows.md): the first visit registers
 * the card with the authentication PIN; later visits need only 照合番号B (or the date-of-birth key), and the
 * server checks the card is genuine, live (it signed a fresh challenge), registered, and its authentication
 * certificate still valid. Only for face-to-face or managed terminals, never online; staff still compare the
 * face. Run: {@code JPKI_PIN=1234 JPKI_PIN_B=02051520345678 java ... dev.jpki.examples.FaceToFace --virtual}
 */
public final class FaceToFace {
  private FaceToFace() {}

  /**
   * First visit: registers the card for {@code account}.
   *
   * @param transport a connected card; closed afterwards
   * @param server the server's verifier
   * @param authPin the authentication PIN
   * @param codeB 照合番号B
   * @param account the relying party's account id
   * @return the server's verdict
   * @throws Exception a wrong credential (PinException), a card failure
   */
  public static FaceToFaceResult register(CardTransport transport, FaceToFaceVerifier server, Pin authPin,
      Pin codeB, String account) throws Exception {
    byte[] challenge = server.newChallenge();
    try (MyNumberCard card = Jpki.open(transport)) {
      return server.register(FaceToFaceCheck.register(card, authPin, codeB, challenge).toBytes(), challenge, account);
    }
  }

  /**
   * Later visits: no PIN.
   *
   * @param transport a connected card; closed afterwards
   * @param server the server's verifier
   * @param codeB 照合番号B
   * @return the server's verdict: genuine, live, registered, certificate valid
   * @throws Exception a wrong code (PinException), a card failure
   */
  public static FaceToFaceResult visit(CardTransport transport, FaceToFaceVerifier server, Pin codeB) throws Exception {
    byte[] challenge = server.newChallenge();
    try (MyNumberCard card = Jpki.open(transport)) {
      return server.verify(FaceToFaceCheck.collect(card, codeB, challenge).toBytes(), challenge, null);
    }
  }

  /**
   * Entry point: {@code [--virtual]}; PINs from {@code JPKI_PIN} and {@code JPKI_PIN_B}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("FaceToFace", () -> {
      FaceToFaceVerifier server = TestServer.faceToFaceVerifier(RegistrationStore.inMemory());
      try (Pin pin = Pin.authentication(ExampleMain.secret("JPKI_PIN"));
          Pin b = Pin.verificationCodeB(ExampleMain.secret("JPKI_PIN_B"))) {
        System.out.println("registered: " + register(ExampleMain.card(args), server, pin, b, "holder-1").status());
        System.out.println("later visit: " + visit(ExampleMain.card(args), server, b).status());
      }
    });
  }
}
