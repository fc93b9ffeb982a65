// SPDX-License-Identifier: Apache-2.0
package consumer;

import dev.jpki.JpkiException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.PinStatus;
import dev.jpki.card.PinType;
import java.security.cert.CertificateEncodingException;

/**
 * What an Android app does with jpki-core alone, given a transport (on a phone: the IsoDep transport of
 * jpki-android; here in tests: the virtual card). Checked against the Android API-24 signature.
 */
public final class CardReader {
  private CardReader() {}

  /**
   * Reads the authentication certificate (no PIN needed) and the PIN's remaining tries.
   *
   * @param transport a connected card transport
   * @return the certificate in DER followed by nothing else, and the tries left
   * @throws JpkiException on a card error
   * @throws CertificateEncodingException never for a certificate read from the card
   */
  public static Reading read(CardTransport transport) throws JpkiException, CertificateEncodingException {
    try (MyNumberCard card = MyNumberCard.open(transport)) {
      byte[] der = card.jpki().authCertificate().getEncoded();
      PinStatus status = card.jpki().pinStatus(PinType.AUTHENTICATION);
      return new Reading(der, status.triesLeft().orElse(-1));
    }
  }

  /** The outcome of {@link #read}. */
  public static final class Reading {
    /** The authentication certificate, DER. */
    public final byte[] certificate;
    /** PIN tries left. */
    public final int triesLeft;

    Reading(byte[] certificate, int triesLeft) {
      this.certificate = certificate;
      this.triesLeft = triesLeft;
    }
  }
}
