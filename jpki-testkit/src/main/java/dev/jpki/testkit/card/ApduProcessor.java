// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

/**
 * Something that answers command APDUs like a card: the virtual My Number Card, or a wrapper around
 * it. Transports ({@code VirtualCardTransport}) and the vpcd bridge drive an {@code ApduProcessor}.
 *
 * <p>Implementations are not thread-safe unless documented; drive one from one thread at a time.
 */
public interface ApduProcessor {

  /**
   * Processes one command APDU.
   *
   * <p>Never throws: malformed commands get an error status word, internal failures {@code 6F00}.
   *
   * @param command an encoded command APDU (short or extended)
   * @return the response: data followed by SW1 SW2, at least 2 bytes
   */
  byte[] process(byte[] command);

  /**
   * Resets the card as a power cycle or warm reset would: volatile state (selection, verified
   * credentials) is cleared, retry counters and changed PINs persist.
   */
  void reset();

  /**
   * The ATR presented at power-on (docs/card-protocol.md §1).
   *
   * @return a copy of the ATR
   */
  byte[] atr();

  /**
   * How many on-card RSA private-key operations this processor has performed since it was created,
   * for latency models that charge card time per RSA operation.
   *
   * @return the count; 0 for processors that do not track it
   */
  default long rsaOperationCount() {
    return 0;
  }
}
