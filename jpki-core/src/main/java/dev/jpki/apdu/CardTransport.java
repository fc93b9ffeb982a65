// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

import dev.jpki.internal.CardChannel;

/**
 * Half-duplex, blocking exchange of APDUs with one card: the SPI every reader implements (PC/SC,
 * Android {@code IsoDep}, the virtual card, scripted fakes).
 *
 * <p>Applets never know which transport they run on. Implementations are not thread-safe; confine a
 * transport to one thread.
 */
public interface CardTransport extends AutoCloseable {

  /**
   * Sends one command APDU and returns the response: data followed by SW1 SW2.
   *
   * <p>Implementations pass the bytes through unchanged: no GET RESPONSE or Le re-issue of their own
   * (that is {@link CardChannel}'s job), so that APDU counts are the card's.
   *
   * @param command an encoded command APDU (ISO 7816-4, short or extended)
   * @return the response, at least 2 bytes (SW1 SW2)
   * @throws TransportException if the card was removed, the tag lost, the reader gone, or the
   *     transport closed
   */
  byte[] transceive(byte[] command) throws TransportException;

  /**
   * What this transport (reader plus card) can carry.
   *
   * @return the capabilities, never changing over the transport's life unless documented
   */
  TransportCapabilities capabilities();

  /**
   * Asks for exclusive use of the card until {@link #endExclusive()}, so no other program can slip
   * commands in between a PIN verification and the operation it unlocks (docs/conventions.md §6). The card session
   * holds it from its first credential verification until it closes.
   *
   * <p>The default does nothing: in-process and NFC transports are exclusive by nature. PC/SC overrides
   * it with {@code Card.beginExclusive()}.
   *
   * @throws TransportException if exclusive access cannot be obtained
   */
  default void beginExclusive() throws TransportException {}

  /** Ends exclusive use begun with {@link #beginExclusive()}. Never throws; the default does nothing. */
  default void endExclusive() {}

  /**
   * Closes the connection. Idempotent, never throws; failures are logged at debug level.
   */
  @Override
  void close();
}
