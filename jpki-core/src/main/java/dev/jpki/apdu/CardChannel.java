package dev.jpki.apdu;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol layer all applets use over a {@link CardTransport}: encodes APDUs (short when they fit,
 * extended when needed and supported), handles {@code 61xx} with GET RESPONSE and {@code 6Cxx} by
 * re-issuing with the right Le, selects applications and files, and reads whole EFs in the fewest round
 * trips.
 *
 * <p>Reading an EF takes its length from the data's own BER-TLV header in the first chunk (spec §3.3,
 * strategy 2), so no separate length probe is sent; chunks are as large as the transport allows (256 bytes
 * short, up to {@link TransportCapabilities#maxResponseData()} extended, e.g. 8190 on PC/SC).
 *
 * <p>Not thread-safe; confine to one thread, like the transport.
 */
public final class CardChannel {
  private static final Logger log = LoggerFactory.getLogger(CardChannel.class);

  /** INS of VERIFY: a transport failure during it leaves the retry counter in an unknown state. */
  private static final int INS_VERIFY = 0x20;
  private static final int INS_CHANGE_REFERENCE_DATA = 0x24;
  private static final int INS_GET_RESPONSE = 0xC0;
  private static final int INS_READ_BINARY = 0xB0;
  /** Largest offset READ BINARY can address with P1-P2 (15 bits, spec §3.1). */
  private static final int MAX_OFFSET = 0x7FFF;
  /** Bound on GET RESPONSE rounds so a misbehaving card cannot loop us forever. */
  private static final int MAX_GET_RESPONSE_ROUNDS = 256;

  private final CardTransport transport;
  private final TransportCapabilities caps;

  /**
   * Creates a channel over a transport. The channel does not own the transport: closing is the caller's.
   *
   * @param transport the transport
   */
  public CardChannel(CardTransport transport) {
    this.transport = transport;
    this.caps = transport.capabilities();
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
   * Sends a command and returns the final response after GET RESPONSE / Le re-issue handling.
   *
   * @param command the command
   * @return the response; its status word may be anything, the caller checks it
   * @throws TransportException if the exchange fails; for VERIFY with data, {@link
   *     TransportException#outcomeUnknown()} is true
   * @throws MalformedResponseException if the transport returns fewer than 2 bytes
   */
  public Response transmit(Apdu command) throws TransportException, MalformedResponseException {
    Response r = exchange(command);
    if (StatusWord.isWrongLe(r.sw()) && !carriesCredential(command)) {
      // 6Cxx: the card tells the exact Le; re-issue once (spec §3.2).
      int le = r.sw2() == 0 ? 256 : r.sw2();
      r = exchange(command.withNe(le));
    }
    if (StatusWord.isBytesAvailable(r.sw())) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      byte[] first = r.data();
      joined.write(first, 0, first.length);
      int rounds = 0;
      while (StatusWord.isBytesAvailable(r.sw())) {
        if (++rounds > MAX_GET_RESPONSE_ROUNDS) {
          throw new MalformedResponseException("response APDU", -1, "more than " + MAX_GET_RESPONSE_ROUNDS + " GET RESPONSE rounds");
        }
        int le = r.sw2() == 0 ? 256 : r.sw2();
        r = exchange(Apdu.of(0x00, INS_GET_RESPONSE, 0x00, 0x00, new byte[0], le));
        byte[] d = r.data();
        joined.write(d, 0, d.length);
      }
      r = new Response(joined.toByteArray(), r.sw());
    }
    return r;
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
        // DESIGN.md PIN safety: a failure during VERIFY may or may not have cost a try.
        throw new TransportException(e.reason(),
            "connection lost during PIN verification; whether the card counted the try is unknown: "
                + e.getMessage(), e, true);
      }
      throw e;
    }
    Response r = Response.parse(raw);
    log.trace("<< {}", r);
    return r;
  }

  /**
   * Sends a command and requires {@code 9000}.
   *
   * @param command the command
   * @param what the operation, for messages (e.g. {@code "SELECT EF 000A"})
   * @return the response data
   * @throws CardStatusException (or a subclass, mapped by {@link CardStatusException#of}) on any other SW
   * @throws TransportException if the exchange fails
   * @throws MalformedResponseException if the response is shorter than 2 bytes
   */
  public byte[] transmitOk(Apdu command, String what) throws JpkiException {
    Response r = transmit(command);
    if (!r.isSuccess()) {
      throw CardStatusException.of(r.sw(), command.ins(), what);
    }
    return r.data();
  }

  /**
   * SELECT DF by its full name ({@code 00 A4 04 0C}, no FCI; spec §3.1). Always the full AID: JICSAP
   * selects by prefix too, so a short name could select another DF (spec §2).
   *
   * @param aid the application identifier
   * @param what a name for messages, e.g. {@code "JPKI AP"}
   * @throws ApplicationNotFoundException if the card answers {@code 6A82}
   * @throws CardStatusException on another status word
   * @throws TransportException if the exchange fails
   */
  public void selectAid(byte[] aid, String what) throws JpkiException {
    if (aid.length < 1 || aid.length > 16) {
      throw new IllegalArgumentException("AID must be 1..16 bytes, was " + aid.length);
    }
    transmitOk(Apdu.of(0x00, 0xA4, 0x04, 0x0C, aid, 0), "SELECT " + what);
  }

  /**
   * SELECT EF (or key reference) by FID in the current DF ({@code 00 A4 02 0C}; spec §3.1).
   *
   * @param fid the 2-byte file identifier
   * @throws CardStatusException if the card refuses (6A82 not found, 6986 no DF selected)
   * @throws TransportException if the exchange fails
   */
  public void selectEf(int fid) throws JpkiException {
    checkFid(fid);
    Response r = transmit(Apdu.of(0x00, 0xA4, 0x02, 0x0C, new byte[] {(byte) (fid >> 8), (byte) fid}, 0));
    if (!r.isSuccess()) {
      // 6A82 here is a missing file, not a missing application: keep it a plain status exception.
      throw new CardStatusException(r.sw(), 0xA4, "SELECT EF " + fidHex(fid) + " refused: SW=" + StatusWord.describe(r.sw()));
    }
  }

  /**
   * One READ BINARY of the current EF.
   *
   * @param offset 0..32767
   * @param ne bytes wanted, 1..65536 (256 in short form is Le {@code 00})
   * @param source file name for messages
   * @return the data returned (may be shorter than {@code ne} at the end of the file)
   * @throws CardStatusException if the card refuses (6982 credential missing, 6B00 offset beyond EF, …)
   * @throws TransportException if the exchange fails
   */
  public byte[] readBinary(int offset, int ne, String source) throws JpkiException {
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException("READ BINARY offset must be 0..32767, was " + offset);
    }
    Apdu cmd = Apdu.of(0x00, INS_READ_BINARY, offset >> 8, offset & 0xFF, new byte[0], ne);
    Response r = transmit(cmd);
    if (r.isSuccess() || (r.sw() == StatusWord.END_OF_FILE && r.dataLength() > 0)) {
      return r.data();
    }
    throw CardStatusException.of(r.sw(), INS_READ_BINARY, "READ BINARY " + source + " at offset " + offset);
  }

  /** @return bytes one READ BINARY may return on this transport */
  public int maxChunk() {
    return caps.maxResponseData();
  }

  /**
   * Reads the BER-TLV object that fills the current EF, in the fewest round trips: the first chunk is as
   * large as the transport allows and its TLV header gives the total; filler after the TLV is not read.
   *
   * @param source file name for messages, e.g. {@code "JPKI EF 000A"}
   * @return exactly the TLV's bytes (header and value)
   * @throws MalformedResponseException if the header is malformed or the file ends before the TLV does
   * @throws CardStatusException if the card refuses a read
   * @throws TransportException if the exchange fails
   */
  public byte[] readTlvFile(String source) throws JpkiException {
    int chunk = maxChunk();
    byte[] first = readBinary(0, chunk, source);
    int total = BerTlv.encodedLength(first, first.length, source);
    if (total < 0) {
      throw new MalformedResponseException(source, first.length, "file ends inside the TLV header");
    }
    return readRest(first, total, chunk, source);
  }

  /**
   * Reads exactly {@code length} bytes of the current EF from offset 0 (files without a TLV header, or
   * whose physical bytes including filler matter, e.g. text AP EF 0001 for its digest, spec §6.4).
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
    int chunk = maxChunk();
    byte[] first = readBinary(0, Math.min(chunk, length), source);
    return readRest(first, length, chunk, source);
  }

  private byte[] readRest(byte[] first, int total, int chunk, String source) throws JpkiException {
    if (first.length >= total) {
      return first.length == total ? first : Arrays.copyOf(first, total);
    }
    if ((long) total > (long) MAX_OFFSET + chunk) {
      // Checked before allocating: a header claiming 2 GiB must not cost 2 GiB of heap (fuzzing found it).
      throw new MalformedResponseException(source, 0, "its header claims " + total
          + " bytes, more than READ BINARY can address (" + (MAX_OFFSET + chunk) + ")");
    }
    byte[] out = Arrays.copyOf(first, total);
    int have = first.length;
    while (have < total) {
      if (have > MAX_OFFSET) {
        throw new MalformedResponseException(source, have, "object of " + total + " bytes is beyond READ BINARY's 15-bit offset");
      }
      int want = Math.min(chunk, total - have);
      byte[] part;
      try {
        part = readBinary(have, want, source);
      } catch (CardStatusException e) {
        if (e.sw() == StatusWord.WRONG_OFFSET || e.sw() == StatusWord.END_OF_FILE) {
          // The file ended before the length its header declares: truncated data, not a refusal.
          throw new MalformedResponseException(source, have,
              "file ends at offset " + have + " but its header says " + total + " bytes", e);
        }
        throw e;
      }
      if (part.length == 0) {
        throw new MalformedResponseException(source, have, "file ends at offset " + have + " but its header says " + total + " bytes");
      }
      int n = Math.min(part.length, total - have);
      System.arraycopy(part, 0, out, have, n);
      have += n;
    }
    return out;
  }

  private static void checkFid(int fid) {
    if (fid < 0 || fid > 0xFFFF) {
      throw new IllegalArgumentException("FID must be 0x0000..0xFFFF, was " + fid);
    }
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
