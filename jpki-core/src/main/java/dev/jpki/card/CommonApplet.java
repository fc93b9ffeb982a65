// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.StatusWord;
import dev.jpki.internal.Apdu;
import dev.jpki.apdu.CardStatusException;
import dev.jpki.JpkiException;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.internal.Response;
import dev.jpki.apdu.TransportException;
import org.jspecify.annotations.Nullable;

/**
 * The common-card application (共通カードAP, docs/card-protocol.md §8): record 1 of EF {@code 0001} (serial number,
 * municipality code, expiry) and the common PIN (key {@code 001C}). The resident-registry application (住基AP)
 * has a PIN of its own (same key reference, a separate counter, known to holders as the same PIN,
 * docs/card-protocol.md §4.1); it unlocks nothing this SDK reads, so it has no applet: its counter is in
 * {@link MyNumberCard#info()}.
 *
 * <p>Bound to its session; selects the application when needed. Blocking; confined to the session's
 * thread.
 */
public final class CommonApplet extends Applet {
  static final int EF_RECORDS = 0x0001;
  private static final int INS_READ_RECORD = 0xB2;

  private @Nullable CommonRecord record;

  CommonApplet(MyNumberCard session) {
    super(session, Application.COMMON);
  }

  /**
   * Record 1 of EF {@code 0001} ({@code 00 B2 01 04 00} after SELECT of the EF, docs/card-protocol.md §8); no
   * credential. Read once per session.
   *
   * @return serial number, municipality code, expiry
   * @throws MalformedResponseException naming the offset, if the record is malformed
   * @throws CardStatusException if the card refuses
   * @throws TransportException if the exchange fails
   */
  public CommonRecord record() throws JpkiException {
    CommonRecord r = record;
    if (r != null) {
      return r;
    }
    session.selectEf(Application.COMMON, EF_RECORDS);
    String source = MyNumberCard.source(Application.COMMON, EF_RECORDS) + " record 1";
    // P2 = 04: record number in P1, current EF (docs/card-protocol.md §3.1).
    Response resp = session.transmit(Apdu.of(0x00, INS_READ_RECORD, 0x01, 0x04, new byte[0], 256));
    if (!resp.isSuccess()) {
      throw StatusWord.refusal(resp.sw(), INS_READ_RECORD, "READ RECORD " + source);
    }
    r = CommonRecord.parse(resp.data(), source);
    record = r;
    return r;
  }

  /**
   * Reads a credential's retry counter without spending a try (docs/card-protocol.md §4.2).
   *
   * @param type {@link PinType#COMMON}, the only credential of this application
   * @return the status
   * @throws IllegalArgumentException for another type (no APDU)
   * @throws CardStatusException if the card answers something that is not a counter
   * @throws TransportException if the exchange fails
   */
  public PinStatus pinStatus(PinType type) throws JpkiException {
    return statusOf(type);
  }

  /**
   * Checks the common PIN under the PIN safety contract (see {@link JpkiApplet#verify}).
   *
   * @param pin a {@link PinType#COMMON} credential
   * @param options {@link VerifyOption#ALLOW_LAST_TRY} to allow spending the last try
   * @throws IllegalArgumentException if the credential is not a common PIN (no APDU)
   * @throws PinException if the PIN is wrong, blocked, or its last try was protected
   * @throws CardStatusException if the card refuses otherwise
   * @throws TransportException if the exchange fails (during VERIFY: outcome unknown)
   */
  public void verify(Pin pin, VerifyOption... options) throws JpkiException {
    verifyIn(pin, options);
  }

  /**
   * Whether this session verified the credential in the common AP and nothing has cleared it since.
   * No APDU.
   *
   * @param type the credential
   * @return true if verified, as far as this session knows
   */
  public boolean isVerified(PinType type) {
    return verifiedIn(type);
  }
}
