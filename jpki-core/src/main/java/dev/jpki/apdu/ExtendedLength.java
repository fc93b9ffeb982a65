// SPDX-License-Identifier: Apache-2.0
package dev.jpki.apdu;

/**
 * Whether extended-length APDUs are sent, and how large READ BINARY responses may be: the one option both
 * transports take ({@code PcscTransport.Options}, {@code IsoDepTransport.Options}) and what
 * {@link TransportCapabilities#sizing()} reports back; the card session applies it (docs/card-protocol.md §16).
 *
 * <p>Extended length is a property of the reader, not of the card: a CCID reader may forward an
 * extended command and still fail a 1-8 KB response, and a phone does not report the largest response
 * its NFC stack delivers. A successful short extended exchange (an extended SELECT) proves nothing about
 * large responses; only a large extended READ BINARY that returned the expected bytes does. Whatever the
 * policy, an extended READ BINARY that fails (transport error, {@code 6700}, {@code 6Cxx}, a response
 * shorter than asked for without end of file) switches the session to short reads for the rest of its
 * life, once, logged at DEBUG; only READ BINARY is ever repeated after it, never a VERIFY or a signature.
 * No policy sends a probe APDU, and the card's ATR never decides anything (contactless readers make ATRs up).
 */
public enum ExtendedLength {
  /**
   * 256-byte short READ BINARYs (Le {@code 00}), which every reader and phone carries; an extended command
   * may be sent if one needs it and the transport can carry it. The default on PC/SC and NFC.
   */
  AUTO,
  /**
   * Short reads until proven: the first object larger than 512 bytes (so that its rest needs more than one
   * short chunk; in practice the first certificate) is read with one short READ BINARY (whose TLV header
   * gives the size) and then one extended READ BINARY for exactly the rest; if that answer is
   * complete and consistent with the header, reader and card are proven to carry large responses and
   * every later read uses extended chunks up to the transport's maximum. If it fails, the session falls
   * back to short reads. Costs at most one failed APDU on a reader that cannot carry large responses.
   * Opt-in: the proving exchange itself is a large extended response, which a lying reader fails with a
   * reader error that some stacks turn into a lost tag or a reset card (docs/card-protocol.md §16).
   */
  PROVE,
  /**
   * Extended READ BINARYs up to the transport's maximum from the first read (the caller opted in, e.g.
   * after {@code jpki doctor --probe} proved the reader); the session still falls back to short reads if
   * one fails.
   */
  ALWAYS,
  /**
   * Short APDUs only: an extended command is refused before it reaches the reader or the NFC stack (also
   * what a PC/SC T=0 connection gets, since {@code javax.smartcardio} cannot carry extended forms on T=0).
   */
  NEVER
}
