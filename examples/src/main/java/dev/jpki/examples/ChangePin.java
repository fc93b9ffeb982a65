// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.JpkiException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;

/**
 * Changes the user-authentication PIN (4 digits). Both values are checked for format before anything is
 * sent, so a malformed new PIN never costs a try of the current one; a wrong current PIN reports the tries
 * left. Run: {@code JPKI_PIN=1234 JPKI_NEW_PIN=5678 java ... dev.jpki.examples.ChangePin --virtual}
 */
public final class ChangePin {
  private ChangePin() {}

  /**
   * Changes the authentication PIN.
   *
   * @param transport a connected card; closed afterwards
   * @param current the current PIN
   * @param replacement the new PIN
   * @throws IllegalArgumentException if either is not 4 digits (nothing sent)
   * @throws JpkiException a wrong or blocked current PIN ({@link dev.jpki.card.PinException}), a card failure
   */
  public static void change(CardTransport transport, char[] current, char[] replacement) throws JpkiException {
    try (MyNumberCard card = Jpki.open(transport); // sends nothing yet; closes the transport
        Pin now = Pin.authentication(current); Pin next = Pin.authentication(replacement)) {
      card.jpki().changePin(now, next);
    }
  }

  /**
   * Entry point: {@code [--virtual]}; the PINs from {@code JPKI_PIN} and {@code JPKI_NEW_PIN}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("ChangePin", () -> {
      change(ExampleMain.card(args), ExampleMain.secret("JPKI_PIN"), ExampleMain.secret("JPKI_NEW_PIN"));
      System.out.println("authentication PIN changed");
    });
  }
}
