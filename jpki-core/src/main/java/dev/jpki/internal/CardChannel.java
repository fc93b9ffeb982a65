// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import dev.jpki.JpkiException;
import dev.jpki.apdu.CardStatusException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol layer all applets use over a {@link CardTransport}: encodes APDUs (short when they fit,
 * extended when needed and supported), handles {@code 61xx} with GET RESPONSE and {@code 6Cxx} by
 * re-issuing with the right Le, selects applications and files, and reads whole EFs.
 *
 * <p>Reading an EF takes its length from the data's own BER-TLV header in the first chunk
 * (docs/card-protocol.md §3.3, strategy 2), so no separate length probe is sent; how large that first
 * chunk is asked for is the {@link ReadStrategy}.
 *
 * <h2>APDU sizing (docs/card-protocol.md §16)</h2>
 * The transport's {@link ExtendedLength} policy decides the chunk size: {@link ExtendedLength#AUTO} and
 * {@link ExtendedLength#NEVER} read 256 bytes (short Le {@code 00}); {@link ExtendedLength#ALWAYS} (the caller
 * opted in) reads up to the transport's maximum from the start; {@link ExtendedLength#PROVE} reads short until one object's rest after the first
 * short chunk is larger than 256 bytes, then asks for that rest, whose size the first chunk's TLV header
 * gave, in one extended READ BINARY: the proving exchange. A complete answer proves the size
 * ({@link #provenResponseData()}) and later reads are extended. An extended READ BINARY that fails in any way a reader fails on large
 * responses (a transport error, {@code 6700}, {@code 6Cxx}, or a response shorter than asked for that
 * does not reach the end of the object) switches this channel to short reads for the rest of its life,
 * once, and the read goes on from the same offset with short chunks. Only READ BINARY is ever repeated:
 * a VERIFY or a signature is never sent twice.
 *
 * <p>Bounds: GET RESPONSE chains stop after {@value #MAX_GET_RESPONSE_ROUNDS} rounds or 65536 bytes; a
 * response longer than asked for, or an object longer than READ BINARY can address, is a
 * {@link MalformedResponseException}, never a silent truncation.
 *
 * <p>Not thread-safe; confine to one thread, like the transport.
 */
public final class CardChannel {
  private static final Logger log = LoggerFactory.getLogger(CardChannel.class);

  /** INS of VERIFY: a transport failure during it leaves the retry counter in an unknown state. */
  private static final int INS_VERIFY = 0x20;
  private static final int INS_CHANGE_REFERENCE_DATA = 0x24;
  private static final int INS_COMPUTE_SIGNATURE = 0x2A;
  private static final int INS_GET_RESPONSE = 0xC0;
  private static final int INS_READ_BINARY = 0xB0;
  /** Largest offset READ BINARY can address with P1-P2 (15 bits, docs/card-protocol.md §3.1). */
  private static final int MAX_OFFSET = 0x7FFF;
  /** Bound on GET RESPONSE rounds so a misbehaving card cannot loop us forever. */
  private static final int MAX_GET_RESPONSE_ROUNDS = 256;
  /** Bound on the bytes one response may collect through GET RESPONSE (the largest Ne). */
  private static final int MAX_JOINED_RESPONSE = 65536;
  /** Response data of one short READ BINARY (Le {@code 00}). */
  static final int SHORT_CHUNK = 256;

  private final CardTransport transport;
  private final TransportCapabilities caps;
  /** Set once an extended exchange failed: short reads from then on. */
  private boolean shortReadsOnly;
  /** Largest response data an extended READ BINARY delivered correctly on this channel; 0 if none. */
  private int provenResponseData;
  /** How the first READ BINARY of a TLV object is sized. */
  private final ReadStrategy readStrategy;

  /**
   * Creates a channel over a transport. The channel does not own the transport: closing is the caller's.
   *
   * @param transport the transport
   */
  public CardChannel(CardTransport transport) {
    this(transport, ReadStrategy.current());
  }

  /**
   * Creates a channel over a transport with a given read strategy.
   *
   * @param transport the transport
   * @param readStrategy how the first READ BINARY of a TLV object is sized
   */
  public CardChannel(CardTransport transport, ReadStrategy readStrategy) {
    this.transport = transport;
    this.caps = transport.capabilities();
    this.readStrategy = readStrategy;
  }

  /** @return the underlying transport */
  public CardTransport transport() {
    return transport;
  }

  /** @return the transport's capabilities, read once at construction */
  public TransportCapabilities capabilities() {
    return caps;
  }

  /**
   * Whether an extended exchange failed on this channel, so it reads in short chunks from now on.
   *
   * @return true after a fallback to short reads
   */
  public boolean fellBackToShortReads() {
    return shortReadsOnly;
  }

  /**
   * The largest number of response data bytes one extended READ BINARY delivered correctly on this
   * channel: evidence that reader and card carry responses of that size.
   *
   * @return bytes, or 0 if no response above 256 bytes was received
   */
  public int provenResponseData() {
    return provenResponseData;
  }

  /**
   * Sends a command and returns the final response after GET RESPONSE / Le re-issue handling.
   *
   * @param command the command
   * @return the response; its status word may be anything, the caller checks it
   * @throws TransportException if the exchange fails; for VERIFY with data, {@link
   *     TransportException#outcomeUnknown()} is true
   * @throws MalformedResponseException if the transport returns fewer than 2 bytes, or GET RESPONSE
   *     chains do not end within the bounds
   */
  public Response transmit(Apdu command) throws TransportException, MalformedResponseException {
    return transmit(command, true);
  }

  private Response transmit(Apdu command, boolean reissueOnWrongLe)
      throws TransportException, MalformedResponseException {
    Response r = exchange(command);
    if (reissueOnWrongLe && StatusWord.isWrongLe(r.sw()) && !carriesCredential(command)
        && command.ins() != INS_COMPUTE_SIGNATURE) {
      // 6Cxx: the card tells the exact Le; re-issue once (docs/card-protocol.md §3.2). Never for a
      // credential or a signature: those are sent at most once.
      int le = r.sw2() == 0 ? 256 : r.sw2();
      r = exchange(command.withNe(le));
    }
    if (StatusWord.isBytesAvailable(r.sw())) {
      r = collectGetResponse(r);
    }
    return r;
  }

  /** Joins a {@code 61xx} chain, in a buffer wiped afterwards (the parts may be personal data). */
  private Response collectGetResponse(Response first) throws TransportException, MalformedResponseException {
    byte[] buf = first.data();
    int len = buf.length;
    Response r = first;
    try {
      int rounds = 0;
      while (StatusWord.isBytesAvailable(r.sw())) {
        if (++rounds > MAX_GET_RESPONSE_ROUNDS) {
          throw new MalformedResponseException("response APDU", len,
              "more than " + MAX_GET_RESPONSE_ROUNDS + " GET RESPONSE rounds");
        }
        int le = r.sw2() == 0 ? 256 : r.sw2();
        r = exchange(Apdu.of(0x00, INS_GET_RESPONSE, 0x00, 0x00, new byte[0], le));
        byte[] d = r.data();
        if (len + d.length > MAX_JOINED_RESPONSE) {
          Arrays.fill(d, (byte) 0);
          throw new MalformedResponseException("response APDU", len,
              "GET RESPONSE chain longer than " + MAX_JOINED_RESPONSE + " bytes");
        }
        if (len + d.length > buf.length) {
          byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, len + d.length));
          Arrays.fill(buf, (byte) 0);
          buf = bigger;
        }
        System.arraycopy(d, 0, buf, len, d.length);
        Arrays.fill(d, (byte) 0);
        len += d.length;
      }
      return new Response(Arrays.copyOf(buf, len), r.sw());
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  /**
   * Whether the command carries a PIN or password (VERIFY or CHANGE REFERENCE DATA with data). Such a
   * command is sent at most once, whatever the card answers: a second copy could cost a second try
   * (docs/design.md, PIN safety). A {@code 6Cxx} after it goes back to the caller as the card's answer.
   */
  private static boolean carriesCredential(Apdu command) {
    return (command.ins() == INS_VERIFY || command.ins() == INS_CHANGE_REFERENCE_DATA) && command.dataLength() > 0;
  }

  private Response exchange(Apdu command) throws TransportException, MalformedResponseException {
    boolean extended = command.requiresExtended();
    if (extended && !caps.extendedLength()) {
      throw new TransportException(TransportException.Reason.LENGTH_LIMIT,
          "command needs extended length, which this reader or card does not support");
    }
    byte[] encoded = command.encode(extended);
    if (encoded.length > caps.maxCommandLength()) {
      throw new TransportException(TransportException.Reason.LENGTH_LIMIT,
          "command of " + encoded.length + " bytes exceeds the transport's limit of " + caps.maxCommandLength());
    }
    log.trace(">> {}", command);
    byte[] raw;
    try {
      raw = transport.transceive(encoded);
    } catch (TransportException e) {
      if (command.ins() == INS_VERIFY && command.dataLength() > 0 && !e.outcomeUnknown()) {
        // PIN safety: a failure during VERIFY may or may not have cost a try.
        throw new TransportException(e.reason(),
            "connection lost during PIN verification; whether the card counted the try is unknown: "
                + e.getMessage(), e, true);
      }
      throw e;
    } finally {
      if (command.sensitive()) {
        Arrays.fill(encoded, (byte) 0);
      }
    }
    Response r = Response.parse(raw);
    Arrays.fill(raw, (byte) 0);
    log.trace("<< {}", r);
    return r;
  }

  /**
   * One READ BINARY of the current EF.
   *
   * @param offset 0..32767
   * @param ne bytes wanted, 1..65536 (256 in short form is Le {@code 00})
   * @param source file name for messages
   * @return the data returned (may be shorter than {@code ne} at the end of the file)
   * @throws CardStatusException if the card refuses (6982 credential missing, 6B00 offset beyond EF, …)
   * @throws MalformedResponseException if the card returned more bytes than asked for
   * @throws TransportException if the exchange fails
   */
  public byte[] readBinary(int offset, int ne, String source) throws JpkiException {
    Response r = readBinaryResponse(offset, ne, true);
    return readBinaryData(r, offset, ne, source);
  }

  private Response readBinaryResponse(int offset, int ne, boolean reissueOnWrongLe) throws JpkiException {
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException("READ BINARY offset must be 0..32767, was " + offset);
    }
    return transmit(Apdu.of(0x00, INS_READ_BINARY, offset >> 8, offset & 0xFF, new byte[0], ne), reissueOnWrongLe);
  }

  private static byte[] readBinaryData(Response r, int offset, int ne, String source) throws JpkiException {
    if (r.isSuccess() || (r.sw() == StatusWord.END_OF_FILE && r.dataLength() > 0)) {
      if (r.dataLength() > ne) {
        throw new MalformedResponseException(source, offset,
            "READ BINARY asked for " + ne + " bytes and got " + r.dataLength() + " (reader or card error)");
      }
      return r.data();
    }
    throw StatusWord.refusal(r.sw(), INS_READ_BINARY, "READ BINARY " + source + " at offset " + offset);
  }

  /**
   * The largest number of response data bytes one READ BINARY asks for now: 256 unless the transport
   * offers more and no extended exchange has failed on this channel.
   *
   * @return bytes per READ BINARY
   */
  public int maxChunk() {
    if (shortReadsOnly || (caps.sizing() == ExtendedLength.PROVE && provenResponseData == 0)) {
      return Math.min(SHORT_CHUNK, caps.maxResponseData());
    }
    return caps.maxResponseData();
  }

  /**
   * Whether the next read of an object whose size is known may be the proving exchange of
   * {@link ExtendedLength#PROVE}: nothing proven yet and no extended read failed.
   */
  private boolean proving() {
    return caps.sizing() == ExtendedLength.PROVE && provenResponseData == 0 && !shortReadsOnly;
  }

  /**
   * Reads the BER-TLV object that fills the current EF: the first chunk's TLV header gives the total;
   * filler after the TLV is not read.
   *
   * @param source file name for messages, e.g. {@code "JPKI EF 000A"}
   * @return exactly the TLV's bytes (header and value)
   * @throws MalformedResponseException if the header is malformed or the file ends before the TLV does
   * @throws CardStatusException if the card refuses a read
   * @throws TransportException if the exchange fails
   */
  public byte[] readTlvFile(String source) throws JpkiException {
    return readObject(-1, source);
  }

  /**
   * Reads exactly {@code length} bytes of the current EF from offset 0 (files without a TLV header, or
   * whose physical bytes including filler matter, e.g. text AP EF 0001 for its digest).
   *
   * @param length number of bytes, 1..32767+chunk
   * @param source file name for messages
   * @return the bytes
   * @throws MalformedResponseException if the file is shorter than {@code length}
   * @throws CardStatusException if the card refuses a read
   * @throws TransportException if the exchange fails
   */
  public byte[] readFixed(int length, String source) throws JpkiException {
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive, was " + length);
    }
    return readObject(length, source);
  }

  /**
   * Reads an object of {@code knownTotal} bytes, or (if negative) of the length its TLV header says.
   * Falls back to short chunks once if an extended chunk fails (see the class documentation).
   */
  private byte[] readObject(int knownTotal, String source) throws JpkiException {
    int total = knownTotal;
    byte[] out = new byte[0];
    int have = 0;
    try {
      while (total < 0 || have < total) {
        if (have > MAX_OFFSET) {
          throw new MalformedResponseException(source, have,
              "object of " + total + " bytes is beyond READ BINARY's 15-bit offset");
        }
        // The proving exchange asks for the rest of an object whose size is known, so its answer can be
        // checked against the size: complete, or a fallback.
        int chunk = total >= 0 && proving() ? caps.maxResponseData() : maxChunk();
        int want = total < 0 ? readStrategy.firstChunk(chunk) : Math.min(chunk, total - have);
        boolean extended = want > SHORT_CHUNK;
        Response r;
        try {
          r = readBinaryResponse(have, want, !extended);
        } catch (TransportException e) {
          if (!extended || e.reason() == TransportException.Reason.CLOSED) {
            throw e;
          }
          if (e.reason() == TransportException.Reason.CARD_RESET) {
            // The card lost its selected file, so the read cannot go on; the large exchange may have
            // caused the reset, so later reads are short.
            fallBack(source, have, want, "card reset");
            throw e;
          }
          fallBack(source, have, want, "transport error " + e.reason());
          continue;
        } catch (MalformedResponseException e) {
          if (!extended) {
            throw e;
          }
          fallBack(source, have, want, "malformed response");
          continue;
        }
        if (extended && (r.sw() == StatusWord.WRONG_LENGTH || StatusWord.isWrongLe(r.sw()))) {
          fallBack(source, have, want, "SW " + StatusWord.toHex(r.sw()));
          continue;
        }
        byte[] part;
        try {
          part = readBinaryData(r, have, want, source);
        } catch (CardStatusException e) {
          if (have > 0 && (e.sw() == StatusWord.WRONG_OFFSET || e.sw() == StatusWord.END_OF_FILE)) {
            // The file ended before the length its header declares: truncated data, not a refusal.
            throw new MalformedResponseException(source, have,
                "file ends at offset " + have + " but its header says " + total + " bytes", e);
          }
          throw e;
        }
        try {
          if (total < 0) {
            total = BerTlv.encodedLength(part, part.length, source);
            if (total < 0) {
              throw new MalformedResponseException(source, part.length, "file ends inside the TLV header");
            }
            int addressable = MAX_OFFSET + (proving() ? caps.maxResponseData() : chunk);
            if (total > addressable) {
              // Checked before allocating: a header claiming 2 GiB must not cost 2 GiB of heap.
              throw new MalformedResponseException(source, 0, "its header claims " + total
                  + " bytes, more than READ BINARY can address (" + addressable + ")");
            }
          }
          int expected = Math.min(want, total - have);
          boolean eof = r.sw() == StatusWord.END_OF_FILE;
          if (extended && part.length < expected && !eof) {
            // A reader that cuts large responses short: the bytes may be incomplete or wrong.
            fallBack(source, have, want, "short answer of " + part.length + " bytes without end of file");
            continue;
          }
          if (part.length == 0) {
            throw new MalformedResponseException(source, have,
                "file ends at offset " + have + " but its header says " + total + " bytes");
          }
          if (extended && part.length > SHORT_CHUNK && part.length >= expected) {
            // Complete and consistent with the TLV header: evidence that reader and card carry it.
            if (provenResponseData == 0 && caps.sizing() == ExtendedLength.PROVE) {
              log.debug("Extended READ BINARY of {} bytes of {} proved: extended reads for the rest of this"
                  + " session", part.length, source);
            }
            provenResponseData = Math.max(provenResponseData, part.length);
          }
          int n = Math.min(part.length, total - have);
          if (out.length < total) {
            byte[] bigger = Arrays.copyOf(out, total);
            Arrays.fill(out, (byte) 0);
            out = bigger;
          }
          System.arraycopy(part, 0, out, have, n);
          have += n;
        } finally {
          Arrays.fill(part, (byte) 0);
        }
      }
      return out.length == total ? out : Arrays.copyOf(out, total);
    } catch (JpkiException | RuntimeException e) {
      Arrays.fill(out, (byte) 0);
      throw e;
    }
  }

  private void fallBack(String source, int offset, int want, String why) {
    if (shortReadsOnly) {
      throw new IllegalStateException("extended read after fallback"); // unreachable: chunks are short now
    }
    shortReadsOnly = true;
    log.debug("Extended READ BINARY of {} bytes of {} at offset {} failed ({}): short reads for the rest of"
        + " this session", want, source, offset, why);
  }


  /**
   * Formats a file identifier as 4 hex digits.
   *
   * @param fid the FID
   * @return e.g. {@code "000A"}
   */
  public static String fidHex(int fid) {
    return StatusWord.toHex(fid);
  }
}
