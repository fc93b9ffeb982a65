// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.apdu.CardStatusException;
import dev.jpki.JpkiException;
import dev.jpki.apdu.TransportException;

/**
 * The resident-registry application (住基AP, docs/card-protocol.md §8). Only its PIN (key {@code 001C}) is used here: a
 * separate counter from the common AP's, though holders know the two as one PIN (docs/card-protocol.md §4.1).
 */
public final class JukiApplet {
  private final MyNumberCard session;

  JukiApplet(MyNumberCard session) {
    this.session = session;
  }

  /**
   * Reads the juki PIN's retry counter without spending a try (docs/card-protocol.md §4.2).
   *
   * @return the status
   * @throws CardStatusException if the card answers something that is not a counter
   * @throws TransportException if the exchange fails
   */
  public PinStatus pinStatus() throws JpkiException {
    return session.pinStatus(Application.JUKI, PinType.COMMON);
  }

  /**
   * Checks the juki PIN under the PIN safety contract (see {@link JpkiApplet#verify}).
   *
   * @param pin a {@link PinType#COMMON} credential
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @throws IllegalArgumentException if the credential is not a common/juki PIN (no APDU)
   * @throws PinException if the PIN is wrong, blocked, or its last try was protected
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails (during VERIFY: outcome unknown)
   */
  public void verify(Pin pin, VerifyOption... options) throws JpkiException {
    session.verify(Application.JUKI, pin, options);
  }
}
