// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows how a My Number Card is recognised: a SELECT of the JPKI AP by its full AID
 * (docs/card-protocol.md §2, §5.2). The card session's {@code Application.JPKI} and the transports'
 * diagnostics both use this AID, so there is exactly one copy of it.
 */
public final class JpkiProbe {
  private static final Logger log = LoggerFactory.getLogger(JpkiProbe.class);

  /** The JPKI AP's AID (公的個人認証AP), docs/card-protocol.md §2. */
  public static final String JPKI_AID_HEX = "D392F000260100000001";

  private JpkiProbe() {}

  /**
   * Sends {@code 00 A4 04 0C 0A <JPKI AID>} and reports whether the card answered {@code 9000}.
   *
   * @param transport a connected transport; left open
   * @return true on {@code 9000}
   * @throws TransportException if the exchange fails
   */
  public static boolean answers(CardTransport transport) throws TransportException {
    Response r;
    try {
      r = new CardChannel(transport).transmit(Apdu.of(0x00, 0xA4, 0x04, 0x0C, Hex.decode(JPKI_AID_HEX), 0));
    } catch (MalformedResponseException e) {
      // Not an ISO 7816 answer to a SELECT: whatever this is, it is not a card with the JPKI AP.
      log.debug("SELECT JPKI AP: unparseable answer ({})", e.getMessage());
      return false;
    }
    if (!r.isSuccess()) {
      log.debug("SELECT JPKI AP answered {}: not a My Number Card", StatusWord.toHex(r.sw()));
    }
    return r.isSuccess();
  }
}
