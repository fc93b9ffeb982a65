// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.CardInfo;
import dev.jpki.pcsc.PcscReaders;
import dev.jpki.pcsc.PcscTransport;
import dev.jpki.testkit.Personas;
import java.security.cert.X509Certificate;

/**
 * Reads what a My Number Card shows without any PIN: token type, applications, tries left, and the
 * authentication certificate's validity. Uses the first PC/SC reader with a card, or the virtual card with
 * {@code --virtual}.
 *
 * <pre>
 * java -cp examples.jar dev.jpki.examples.ReadCard --virtual
 * </pre>
 */
public final class ReadCard {
  private ReadCard() {}

  /**
   * Entry point.
   *
   * @param args {@code --virtual} to use the embedded virtual card
   * @throws Exception on any card or reader failure
   */
  public static void main(String[] args) throws Exception {
    CardTransport transport = args.length > 0 && "--virtual".equals(args[0])
        ? Personas.get("default").newCard().transport()
        : PcscTransport.connect(PcscReaders.system().firstWithCard());
    String summary = Jpki.with(transport, card -> {
      CardInfo info = card.info();
      X509Certificate auth = card.jpki().authCertificate();
      return "token " + info.tokenType() + ", applications " + info.applications()
          + "\nauth certificate valid until " + auth.getNotAfter().toInstant();
    });
    System.out.println(summary);
  }
}
