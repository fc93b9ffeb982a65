// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.reader;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.TransportException;

/**
 * Link-level reader behaviours: {@link CardTransport} decorators that fail exchanges the way readers and
 * phones fail them (docs/card-protocol.md §16). The card has processed the command when the failure is
 * reported, as on hardware.
 */
public final class ReaderTransports {
  private ReaderTransports() {}

  /**
   * A CCID reader with a short message buffer (e.g. {@code dwMaxCCIDMessageLength} 271): it forwards
   * extended commands, but any response longer than {@code maxResponseLength} bytes (data plus SW)
   * fails with a transport error, like the "card not transacted" CCID error on large extended
   * exchanges.
   *
   * @param reader the transport to the card (its capabilities are reported unchanged)
   * @param maxResponseLength largest response the reader carries, including SW1 SW2
   * @return the model
   */
  public static CardTransport ccidShortBuffer(CardTransport reader, int maxResponseLength) {
    return new LimitedResponses(reader, maxResponseLength, TransportException.Reason.IO_ERROR,
        "reader error: CCID response too long for the reader's buffer (card not transacted)");
  }

  /**
   * A phone whose NFC stack delivers responses of at most {@code maxResponseLength} bytes (the largest a
   * phone delivers is not reported by Android); longer ones lose the tag, as many stacks do.
   *
   * @param nfc the transport to the card (its capabilities are reported unchanged)
   * @param maxResponseLength largest response the phone delivers, including SW1 SW2
   * @return the model
   */
  public static CardTransport phoneWithSmallResponses(CardTransport nfc, int maxResponseLength) {
    return new LimitedResponses(nfc, maxResponseLength, TransportException.Reason.CARD_REMOVED,
        "tag was lost (response larger than the phone's NFC stack delivers)");
  }

  private static final class LimitedResponses extends ForwardingTransport {
    private final int max;
    private final TransportException.Reason reason;
    private final String message;

    LimitedResponses(CardTransport delegate, int max, TransportException.Reason reason, String message) {
      super(delegate);
      if (max < 2) {
        throw new IllegalArgumentException("maxResponseLength must be at least 2");
      }
      this.max = max;
      this.reason = reason;
      this.message = message;
    }

    @Override
    public byte[] transceive(byte[] command) throws TransportException {
      byte[] r = super.transceive(command);
      if (r.length > max) {
        java.util.Arrays.fill(r, (byte) 0);
        throw new TransportException(reason, message + ": " + r.length + " bytes, limit " + max);
      }
      return r;
    }
  }
}
