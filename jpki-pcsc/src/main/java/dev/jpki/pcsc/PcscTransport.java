// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.pcsc.PcscException.Kind;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CardTransport} over one PC/SC card connection ({@code javax.smartcardio}).
 *
 * <pre>{@code
 * CardTerminal reader = PcscReaders.system().firstWithCard();
 * try (PcscTransport transport = PcscTransport.connect(reader)) {
 *   byte[] response = transport.transceive(selectJpkiAp);
 * }
 * }</pre>
 *
 * <h2>Sharing the card</h2>
 * Connecting sends nothing to the card, and {@link #close()} leaves the card as it is (no reset), like
 * OpenSC: other programs using the card are not logged out (docs/card-protocol.md §16). Ask for a reset
 * on close with {@link Options.Builder#resetOnClose(boolean)} when a PIN verified in this session must not
 * outlive it. PC/SC connections are shared: another process may slip APDUs between yours. The card API
 * holds {@link #beginExclusive()} / {@link #endExclusive()} for one operation at a time (VERIFY plus the
 * signature it unlocks when called as one operation), never across user think-time: Windows resets a
 * card whose transaction stays idle for more than 5 seconds.
 *
 * <h2>Card reset</h2>
 * When PC/SC reports that the card was reset ({@code SCARD_W_RESET_CARD}: another program, the reader or
 * the system), this transport reconnects at once and throws a {@link PcscException} of kind
 * {@link Kind#CARD_RESET} (reason {@code CARD_RESET}): the command was not executed and every verified
 * credential is lost. The next exchange goes to the freshly reset card; nothing is re-sent.
 *
 * <h2>Extended length</h2>
 * Extended length is a property of the reader, not the card: libccid forwards an extended command to
 * readers that still fail a large extended response (docs/card-protocol.md §16). So with
 * {@link ExtendedLength#AUTO} (the default) reads are 256-byte short READ BINARYs; extended commands may
 * be sent if one needs it, and no probe APDU is sent. {@link ExtendedLength#PROVE} keeps reads short
 * until one large extended READ BINARY of a real file (the rest of the first certificate) came back
 * complete, then reads extended. {@link ExtendedLength#ALWAYS} opts in to extended reads of up to
 * {@value #MAX_RESPONSE_LENGTH} bytes including SW1 SW2 (javax.smartcardio's own cap, docs/testing.md)
 * from the first read: do that when {@code jpki doctor --probe} proved the reader carries them. Either
 * way a card session falls back to short reads by itself if an extended read fails. Neither is the
 * default: the proving exchange is itself a large response, which some readers fail with an error that
 * costs more than the few READ BINARYs it saves (docs/card-protocol.md §16, {@link ExtendedLength}). The card's ATR is never used to decide
 * anything: contactless readers make ATRs up.
 *
 * <h2>GET RESPONSE inside javax.smartcardio</h2>
 * Bytes go through {@code CardChannel.transmit(ByteBuffer, ByteBuffer)} unchanged, but SunPCSC answers a
 * {@code 61xx} with GET RESPONSE and a {@code 6Cxx} by re-sending the command with {@code Le=xx} on its
 * own, before this class sees the response. Start the JVM with
 * {@code -Dsun.security.smartcardio.t1GetResponse=false} (and {@code t0GetResponse=false} for T=0) to
 * receive the raw {@code 61xx}/{@code 6Cxx} and let the SDK's protocol layer handle them. The My Number
 * Card has not been seen to send either (docs/card-protocol.md §3.2), so the default is harmless.
 *
 * <h2>One connection per reader per JVM</h2>
 * SunPCSC hands every {@code connect} on a reader the same {@code Card} while it is connected, so a second
 * transport on the same reader would share (and, on close, reset) the first one's connection.
 * {@link #connect} therefore refuses a reader that already has an open {@code PcscTransport} in this JVM
 * ({@link Kind#SHARING_VIOLATION}). Other processes are kept out by {@link #beginExclusive()}.
 *
 * <p>Thread safety: confine a transport to one thread ({@code javax.smartcardio} binds exclusive access
 * to the thread that began it). {@link #close()} may be called from any thread.
 */
public final class PcscTransport implements CardTransport {
  private static final Logger log = LoggerFactory.getLogger(PcscTransport.class);

  /** Largest response (data plus SW1 SW2) {@code javax.smartcardio} returns (docs/testing.md §1.6). */
  public static final int MAX_RESPONSE_LENGTH = 8192;

  /**
   * Largest command APDU this transport sends in extended mode: the largest frame pcscd's virtual
   * reader carries (docs/testing.md §1.6). JPKI commands are a few hundred bytes at most.
   */
  public static final int MAX_EXTENDED_COMMAND_LENGTH = 65535;

  private static final int INS_MANAGE_CHANNEL = 0x70;

  /** Which ISO 7816-3 protocol to ask PC/SC for. */
  public enum Protocol {
    /** T=1, block protocol: the My Number Card's contact protocol; contactless readers show T=1 too. */
    T1("T=1"),
    /** T=0, character protocol; cannot carry extended-length APDUs through javax.smartcardio. */
    T0("T=0"),
    /** Whatever the reader and card agree on (the default). */
    ANY("*");

    private final String pcscName;

    Protocol(String pcscName) {
      this.pcscName = pcscName;
    }

    /**
     * The name {@link CardTerminal#connect(String)} takes.
     *
     * @return "T=1", "T=0" or "*"
     */
    public String pcscName() {
      return pcscName;
    }
  }

  /** Connection options; build with {@link #builder()}. Immutable. */
  public static final class Options {
    private static final Options DEFAULTS = builder().build();

    private final Protocol protocol;
    private final ExtendedLength extendedLength;
    private final boolean resetOnClose;

    private Options(Builder b) {
      this.protocol = b.protocol;
      this.extendedLength = b.extendedLength;
      this.resetOnClose = b.resetOnClose;
    }

    /**
     * The defaults: {@link Protocol#ANY}, {@link ExtendedLength#AUTO}.
     *
     * @return the default options
     */
    public static Options defaults() {
      return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder starting from these options (tests derive variants of a base option set). */
    Builder newBuilder() {
      return new Builder().protocol(protocol).extendedLength(extendedLength).resetOnClose(resetOnClose);
    }

    /**
     * The protocol to connect with.
     *
     * @return the protocol
     */
    public Protocol protocol() {
      return protocol;
    }

    /**
     * The extended-length policy.
     *
     * @return the policy
     */
    public ExtendedLength extendedLength() {
      return extendedLength;
    }

    /**
     * Whether {@link PcscTransport#close()} resets the card.
     *
     * @return true to reset on close; false (the default) leaves the card to other programs as it is
     */
    public boolean resetOnClose() {
      return resetOnClose;
    }

    @Override
    public String toString() {
      return "PcscTransport.Options[protocol=" + protocol.pcscName() + ", extendedLength=" + extendedLength
          + ", resetOnClose=" + resetOnClose + "]";
    }

    /** Builds {@link Options}. */
    public static final class Builder {
      private Protocol protocol = Protocol.ANY;
      private ExtendedLength extendedLength = ExtendedLength.AUTO;
      private boolean resetOnClose;

      private Builder() {}

      /**
       * Whether {@link PcscTransport#close()} resets the card (default false: leave it as it is, so other
       * programs using the card keep their state; true: a PIN verified in this session does not outlive
       * it).
       *
       * @param reset true to reset on close
       * @return this builder
       */
      public Builder resetOnClose(boolean reset) {
        this.resetOnClose = reset;
        return this;
      }

      /**
       * Sets the protocol (default {@link Protocol#ANY}).
       *
       * @param protocol the protocol
       * @return this builder
       */
      public Builder protocol(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
      }

      /**
       * Sets the extended-length policy (default {@link ExtendedLength#AUTO}).
       *
       * @param extendedLength the policy
       * @return this builder
       */
      public Builder extendedLength(ExtendedLength extendedLength) {
        this.extendedLength = Objects.requireNonNull(extendedLength, "extendedLength");
        return this;
      }

      /**
       * Builds the options.
       *
       * @return the options
       */
      public Options build() {
        return new Options(this);
      }
    }
  }

  /** Readers with an open transport in this JVM (see "One connection per reader per JVM"). */
  private static final Set<String> OPEN_READERS = new HashSet<>();

  private Card card;
  private CardChannel channel;
  private final CardTerminal terminal;
  private final Options options;
  private final String readerName;
  private final TransportCapabilities capabilities;
  private final ByteBuffer responseBuffer = ByteBuffer.allocate(MAX_RESPONSE_LENGTH);
  private final AtomicBoolean closed = new AtomicBoolean();
  private int exclusiveDepth;

  private PcscTransport(Card card, CardTerminal terminal, Options options, TransportCapabilities capabilities) {
    this.card = card;
    this.channel = card.getBasicChannel();
    this.terminal = terminal;
    this.options = options;
    this.readerName = terminal.getName();
    this.capabilities = capabilities;
  }

  /**
   * Connects to the card in this reader with the default {@link Options}.
   *
   * @param reader the reader, e.g. from {@link PcscReaders#firstWithCard()}
   * @return the open transport; close it to reset the card and release the reader
   * @throws PcscException {@link Kind#NO_CARD} if the reader is empty, {@link Kind#SHARING_VIOLATION}
   *     if another program holds the card, {@link Kind#READER_GONE}, {@link Kind#SERVICE_NOT_RUNNING},
   *     ...
   */
  public static PcscTransport connect(CardTerminal reader) throws PcscException {
    return connect(reader, Options.defaults());
  }

  /**
   * Connects to the card in this reader. Blocking; with {@link ExtendedLength#AUTO} it exchanges one
   * APDU with the card (see the class documentation).
   *
   * @param reader the reader
   * @param options protocol and extended-length policy
   * @return the open transport; close it to reset the card and release the reader
   * @throws PcscException {@link Kind#NO_CARD} if the reader is empty, {@link Kind#SHARING_VIOLATION}
   *     if another program holds the card, {@link Kind#PROTOCOL_MISMATCH},
   *     {@link Kind#READER_GONE}, {@link Kind#SERVICE_NOT_RUNNING}, ...
   */
  public static PcscTransport connect(CardTerminal reader, Options options) throws PcscException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(options, "options");
    String name = reader.getName();
    synchronized (OPEN_READERS) {
      if (!OPEN_READERS.add(name)) {
        throw new PcscException(
            Kind.SHARING_VIOLATION,
            null,
            "This program already has an open connection to '" + name + "' (javax.smartcardio shares one"
                + " connection per reader per JVM); close it before connecting again.",
            null);
      }
    }
    boolean registered = false;
    try {
      PcscTransport transport = openTransport(reader, options);
      registered = true;
      return transport;
    } finally {
      if (!registered) {
        unregister(name);
      }
    }
  }

  private static PcscTransport openTransport(CardTerminal reader, Options options) throws PcscException {
    Card card = open(reader, options.protocol());
    boolean t0 = "T=0".equals(card.getProtocol());
    ExtendedLength mode = options.extendedLength();
    if (t0 || mode == ExtendedLength.NEVER) {
      // javax.smartcardio refuses extended forms on T=0 ("Extended length forms not supported").
      return new PcscTransport(card, reader, options, TransportCapabilities.shortOnly());
    }
    if (mode == ExtendedLength.ALWAYS) {
      return new PcscTransport(card, reader, options, extendedCapabilities());
    }
    if (mode == ExtendedLength.PROVE) {
      return new PcscTransport(card, reader, options,
          TransportCapabilities.proveExtended(MAX_EXTENDED_COMMAND_LENGTH, MAX_RESPONSE_LENGTH));
    }
    // AUTO: short reads (the response size a reader carries is not known until proven); no probe APDU.
    return new PcscTransport(card, reader, options,
        TransportCapabilities.extended(MAX_EXTENDED_COMMAND_LENGTH, TransportCapabilities.SHORT_MAX_RESPONSE));
  }

  private static void unregister(String name) {
    synchronized (OPEN_READERS) {
      OPEN_READERS.remove(name);
    }
  }

  /** Whether this JVM has an open transport on the reader (diagnostics must then leave it alone). */
  static boolean isOpenOn(String readerName) {
    synchronized (OPEN_READERS) {
      return OPEN_READERS.contains(readerName);
    }
  }

  private static Card open(CardTerminal reader, Protocol protocol) throws PcscException {
    try {
      Card card = reader.connect(protocol.pcscName());
      log.debug("Connected to '{}' with {}", reader.getName(), card.getProtocol());
      return card;
    } catch (CardException | RuntimeException e) {
      throw PcscErrors.map("connecting to reader '" + reader.getName() + "'", e);
    }
  }

  private static TransportCapabilities extendedCapabilities() {
    return TransportCapabilities.extended(MAX_EXTENDED_COMMAND_LENGTH, MAX_RESPONSE_LENGTH);
  }

  /**
   * Sends one command APDU and returns the response bytes unchanged (data ‖ SW1 SW2).
   *
   * @param command an encoded command APDU, at least 4 bytes; extended forms only if
   *     {@link #capabilities()} allow them
   * @return the response, at least 2 bytes
   * @throws PcscException {@link Kind#CARD_REMOVED}, {@link Kind#RESPONSE_TOO_LONG},
   *     {@link Kind#COMMAND_TOO_LONG}, {@link Kind#CLOSED}, {@link Kind#SHARING_VIOLATION}, ...
   * @throws IllegalArgumentException if the command is shorter than 4 bytes or is a MANAGE CHANNEL
   *     (the card has only the basic channel, docs/card-protocol.md §1)
   */
  @Override
  public byte[] transceive(byte[] command) throws PcscException {
    Objects.requireNonNull(command, "command");
    if (command.length < 4) {
      throw new IllegalArgumentException("A command APDU has at least 4 bytes, got " + command.length);
    }
    if ((command[1] & 0xFF) == INS_MANAGE_CHANNEL) {
      throw new IllegalArgumentException("MANAGE CHANNEL is not supported: the card has only channel 0 (docs/card-protocol.md §1)");
    }
    if (closed.get()) {
      throw new PcscException(Kind.CLOSED, null, "This PC/SC connection to '" + readerName + "' is closed.", null);
    }
    if (command.length > capabilities.maxCommandLength()) {
      throw new PcscException(
          Kind.COMMAND_TOO_LONG,
          null,
          "Command of " + command.length + " bytes exceeds this connection's limit of "
              + capabilities.maxCommandLength() + " bytes.",
          null);
    }
    if (!capabilities.extendedLength() && isExtended(command)) {
      throw new PcscException(
          Kind.COMMAND_TOO_LONG,
          null,
          "Extended-length APDU on a short-only connection to '" + readerName + "' (extended length"
              + " disabled or not supported by the reader/card); send short APDUs as capabilities() say.",
          null);
    }
    if (log.isTraceEnabled()) {
      log.trace(">> {} len={}", header(command), command.length);
    }
    byte[] response;
    try {
      responseBuffer.clear();
      int n = channel.transmit(ByteBuffer.wrap(command), responseBuffer);
      response = Arrays.copyOf(responseBuffer.array(), n);
    } catch (BufferOverflowException e) {
      // SunPCSC joined 61xx GET RESPONSE parts into more than 8192 bytes.
      throw PcscErrors.responseTooLong("exchanging " + header(command) + " with '" + readerName + "'", null, e);
    } catch (CardException | RuntimeException e) {
      PcscException mapped = PcscErrors.map("exchanging " + header(command) + " with '" + readerName + "'", e);
      if (mapped.kind() == Kind.CARD_RESET) {
        reconnectAfterReset();
      }
      throw mapped;
    } finally {
      // The buffer may hold card data; don't keep it around.
      Arrays.fill(responseBuffer.array(), 0, responseBuffer.position(), (byte) 0);
    }
    if (response.length < 2) {
      throw new PcscException(
          Kind.COMMUNICATION_ERROR,
          null,
          "The reader '" + readerName + "' returned " + response.length + " bytes, not a response APDU."
              + " Re-insert the card and try again.",
          null);
    }
    if (log.isTraceEnabled()) {
      log.trace("<< SW={} len={}", String.format("%04X", sw(response)), response.length);
    }
    return response;
  }

  /**
   * After {@code SCARD_W_RESET_CARD} the old handle keeps failing: connect again (the card is already
   * reset; nothing is sent to it). Exclusive access was lost with the reset. If reconnecting fails, the
   * next exchange reports why.
   */
  private void reconnectAfterReset() {
    try {
      card.disconnect(false);
    } catch (CardException | RuntimeException e) {
      log.debug("Dropping the reset connection to '{}' failed: {}", readerName, e.toString());
    }
    try {
      card = terminal.connect(options.protocol().pcscName());
      channel = card.getBasicChannel();
      exclusiveDepth = 0;
      log.debug("'{}': card was reset; reconnected with {}", readerName, card.getProtocol());
    } catch (CardException | RuntimeException e) {
      log.debug("Reconnecting to '{}' after a reset failed: {}", readerName, e.toString());
    }
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Begins exclusive access to the card: until the matching {@link #endExclusive()}, no other program
   * can exchange APDUs with it (PC/SC {@code SCardBeginTransaction}). Calls nest; only the outermost
   * pair talks to PC/SC. Blocks while another program holds a transaction.
   *
   * <p>The card API holds it across VERIFY → COMPUTE DIGITAL SIGNATURE so no other process can use or
   * reset the verified state in between.
   *
   * @throws PcscException {@link Kind#SHARING_VIOLATION}, {@link Kind#CARD_REMOVED}, {@link Kind#CLOSED},
   *     ...
   */
  @Override
  public void beginExclusive() throws PcscException {
    if (closed.get()) {
      throw new PcscException(Kind.CLOSED, null, "This PC/SC connection to '" + readerName + "' is closed.", null);
    }
    if (exclusiveDepth == 0) {
      try {
        card.beginExclusive();
      } catch (CardException | RuntimeException e) {
        throw PcscErrors.map("getting exclusive access to the card in '" + readerName + "'", e);
      }
    }
    exclusiveDepth++;
  }

  /**
   * Ends one {@link #beginExclusive()}. Never throws: when the card is gone the hold is gone too.
   * Calling it more often than {@link #beginExclusive()} does nothing.
   */
  @Override
  public void endExclusive() {
    if (exclusiveDepth == 0) {
      return;
    }
    exclusiveDepth--;
    if (exclusiveDepth == 0 && !closed.get()) {
      releaseExclusive();
    }
  }

  /**
   * Whether {@link #beginExclusive()} is in effect.
   *
   * @return true while exclusive access is held
   */
  boolean isExclusive() {
    return exclusiveDepth > 0 && !closed.get();
  }

  private void releaseExclusive() {
    try {
      card.endExclusive();
    } catch (CardException | RuntimeException e) {
      log.debug("Ending exclusive access on '{}' failed: {}", readerName, e.toString());
    }
  }

  /**
   * The reader's name.
   *
   * @return the name PC/SC reports
   */
  public String readerName() {
    return readerName;
  }

  /**
   * The protocol in use.
   *
   * @return "T=1", "T=0" or "T=CL"-like names as PC/SC reports them
   */
  public String protocol() {
    return card.getProtocol();
  }

  /**
   * The ATR the reader reports. For information only: contactless readers make it up (docs/card-protocol.md §1), so
   * never detect the card by it; SELECT its applications instead.
   *
   * @return a copy of the ATR bytes
   */
  public byte[] atr() {
    return card.getATR().getBytes();
  }

  /**
   * Whether {@link #close()} has been called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Ends exclusive access if held and disconnects, leaving the card as it is unless the options asked
   * for a reset ({@link Options.Builder#resetOnClose(boolean)}). Idempotent, never throws; failures
   * (e.g. card already removed) are logged at debug level.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (exclusiveDepth > 0) {
      exclusiveDepth = 0;
      releaseExclusive();
    }
    disconnect();
    unregister(readerName);
  }

  private void disconnect() {
    closed.set(true);
    boolean reset = options.resetOnClose();
    try {
      card.disconnect(reset ? resetArgument(card) : !resetArgument(card));
      log.debug("Disconnected from '{}' {}", readerName, reset ? "with reset" : "leaving the card as it is");
    } catch (CardException | RuntimeException e) {
      log.debug("Disconnecting from '{}' failed: {}", readerName, e.toString());
    }
  }

  /**
   * The argument of {@code Card.disconnect} that resets the card. Old JDKs inverted it; modern ones
   * keep {@code sun.security.smartcardio.invertCardReset=true} as an opt-in compatibility switch
   * (default false), under which {@code disconnect(false)} is what resets.
   */
  static boolean resetArgument(Card card) {
    boolean sunPcsc = card.getClass().getName().startsWith("sun.security.smartcardio.");
    return !(sunPcsc && Boolean.getBoolean("sun.security.smartcardio.invertCardReset"));
  }

  @Override
  public String toString() {
    return "PcscTransport['" + readerName + "', " + capabilities + (closed.get() ? ", closed" : "") + "]";
  }

  /** Extended forms have a 0 byte where a short APDU has Lc or Le, followed by 2 more length bytes. */
  static boolean isExtended(byte[] command) {
    return command.length >= 7 && command[4] == 0;
  }

  private static int sw(byte[] response) {
    return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
  }

  /** CLA INS P1 P2 only: never command data, which may be a PIN (docs/conventions.md §7). */
  static String header(byte[] command) {
    return String.format("%02X %02X %02X %02X", command[0], command[1], command[2], command[3]);
  }

}
