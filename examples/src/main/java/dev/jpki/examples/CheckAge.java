// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.flow.AgeCheck;
import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.card.flow.OcrFields;
import dev.jpki.verify.flow.AgeResult;
import dev.jpki.verify.flow.AgeVerifier;

/**
 * Age confirmation, each pattern of the Digital Agency FAQ (docs/faq-flows.md): the server issues a fresh
 * challenge, the card side collects evidence over it, and the server decides. The card side never computes
 * an age itself: its data is unverified until the server has checked the signatures.
 * Run: {@code JPKI_SIGN_PASSWORD=ABC123 java ... dev.jpki.examples.CheckAge --virtual}
 */
public final class CheckAge {
  private CheckAge() {}

  /**
   * One age check with a credential: the signature password ({@link EvidenceKind#AGE_SIGNATURE_CERTIFICATE}),
   * 照合番号B ({@link EvidenceKind#AGE_CARD_FACE}) or the date-of-birth key ({@link EvidenceKind#AGE_DATE_OF_BIRTH_KEY}).
   *
   * @param transport a connected card; closed afterwards
   * @param server the server's verifier
   * @param pattern the pattern
   * @param credential the pattern's credential
   * @param minimumAge e.g. 18
   * @return the server's verdict
   * @throws Exception a wrong credential (PinException), a card failure
   */
  public static AgeResult check(CardTransport transport, AgeVerifier server, EvidenceKind pattern, Pin credential,
      int minimumAge) throws Exception {
    byte[] challenge = server.newChallenge();
    byte[] evidence; // what the app sends to the server
    try (MyNumberCard card = Jpki.open(transport)) {
      evidence = AgeCheck.collect(card, credential, challenge).toBytes();
    }
    return server.verify(evidence, challenge, pattern, minimumAge);
  }

  /**
   * The OCR pattern: birth date, expiry year and security code read from the printed card.
   *
   * @param transport a connected card; closed afterwards
   * @param server the server's verifier
   * @param ocr the fields as read ({@link OcrFields#of})
   * @param minimumAge e.g. 18
   * @return the server's verdict
   * @throws Exception a misread field (PinException: the built code B is wrong), a card failure
   */
  public static AgeResult checkOcr(CardTransport transport, AgeVerifier server, OcrFields ocr, int minimumAge)
      throws Exception {
    byte[] challenge = server.newChallenge();
    byte[] evidence;
    try (MyNumberCard card = Jpki.open(transport)) {
      evidence = AgeCheck.collectOcr(card, ocr, challenge).toBytes();
    }
    return server.verify(evidence, challenge, EvidenceKind.AGE_OCR, minimumAge);
  }

  /**
   * Entry point: {@code [--virtual]}, the signature-certificate pattern; the password from
   * {@code JPKI_SIGN_PASSWORD}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("CheckAge", () -> {
      try (Pin password = Pin.signaturePassword(ExampleMain.secret("JPKI_SIGN_PASSWORD"))) {
        AgeResult r = check(ExampleMain.card(args), TestServer.ageVerifier(), EvidenceKind.AGE_SIGNATURE_CERTIFICATE,
            password, 18);
        System.out.println(r.status() + ": 18 or over " + r.meetsMinimum().orElse(false));
      }
    });
  }
}
