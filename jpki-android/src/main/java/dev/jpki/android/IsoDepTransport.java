// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import android.nfc.Tag;
import android.nfc.TagLostException;
import android.nfc.tech.IsoDep;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.apdu.TransportException.Reason;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CardTransport} over Android's {@link IsoDep} (ISO 14443-4; the My Number Card is Type B,
 * docs/card-protocol.md §1).
 *
 * <pre>{@code
 * try (IsoDepTransport transport = IsoDepTransport.connect(tag)) {   // on a worker thread
 *   byte[] response = transport.transceive(selectJpkiAp);
 * }
 * }</pre>
 *
 * <h2>Timeout</h2>
 * The card computes RSA-2048 signatures on the chip; with Android's default transceive timeout (a few
 * hundred ms on many phones) COMPUTE DIGITAL SIGNATURE fails with "Tag was lost". {@link #connect}
 * therefore sets {@link Options#timeoutMillis()} (default {@value #DEFAULT_TIMEOUT_MILLIS} ms) right after
 * {@code IsoDep.connect()} and before the first APDU. Android resets the timeout when the IsoDep is
 * closed, so it is set on every connect (docs/card-protocol.md §1: apps use at least 5 s around signing).
 *
 * <h2>Extended length</h2>
 * {@code getMaxTransceiveLength()} bounds the command; the largest response a phone delivers is not
 * reported by Android (docs/card-protocol.md §16). With {@link ExtendedLength#AUTO} (the default) reads are
 * 256-byte short READ BINARYs, which every phone carries, and no probe APDU is sent; extended commands are
 * allowed when the phone offers them. {@link ExtendedLength#PROVE} reads short until one large extended
 * READ BINARY of a real file came back complete ({@link ExtendedLength#PROVE}); a phone that loses the tag on
 * it costs the user a re-tap, which is why it is not the default.
 * {@link ExtendedLength#ALWAYS} opts in to extended reads, capped at
 * {@link Options#maxResponseLength()} (default {@value #SAFE_MAX_RESPONSE_LENGTH} bytes: shipped apps read
 * at most about 1.3 KB per response; UNCONFIRMED per phone, so configurable); a card session falls back
 * to short reads by itself if one fails.
 *
 * <p>Blocking I/O: never call {@link #connect} or {@link #transceive} on the UI thread. Not thread-safe;
 * confine to one thread. {@link #close()} may be called from any thread.
 */
public final class IsoDepTransport implements CardTransport {
  private static final Logger log = LoggerFactory.getLogger(IsoDepTransport.class);

  /** Default transceive timeout: room for on-card RSA-2048 (docs/card-protocol.md §1 suggests testing at ≥ 5 s). */
  public static final int DEFAULT_TIMEOUT_MILLIS = 10_000;

  /**
   * Default cap on responses with {@link ExtendedLength#ALWAYS}: 1024 data bytes plus SW1 SW2, below the
   * ~1.3 KB shipped Android apps read per response. UNCONFIRMED per phone: raise it with
   * {@link Options.Builder#maxResponseLength(int)} once proven.
   */
  public static final int SAFE_MAX_RESPONSE_LENGTH = 1026;

  /** Connection options; build with {@link #builder()}. Immutable. */
  public static final class Options {
    private static final Options DEFAULTS = builder().build();

    private final int timeoutMillis;
    private final ExtendedLength extendedLength;
    private final int maxResponseLength;

    private Options(Builder b) {
      this.timeoutMillis = b.timeoutMillis;
      this.extendedLength = b.extendedLength;
      this.maxResponseLength = b.maxResponseLength;
    }

    /**
     * The defaults: {@value IsoDepTransport#DEFAULT_TIMEOUT_MILLIS} ms, {@link ExtendedLength#AUTO}.
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
      return new Builder().timeoutMillis(timeoutMillis).extendedLength(extendedLength)
          .maxResponseLength(maxResponseLength);
    }

    /**
     * The transceive timeout set on the {@link IsoDep} at connect.
     *
     * @return milliseconds
     */
    public int timeoutMillis() {
      return timeoutMillis;
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
     * The largest response (data plus SW1 SW2) read with {@link ExtendedLength#ALWAYS} or, once proven,
     * {@link ExtendedLength#PROVE}.
     *
     * @return bytes, default {@value IsoDepTransport#SAFE_MAX_RESPONSE_LENGTH}
     */
    public int maxResponseLength() {
      return maxResponseLength;
    }

    @Override
    public String toString() {
      return "IsoDepTransport.Options[timeoutMillis=" + timeoutMillis + ", extendedLength=" + extendedLength
          + ", maxResponseLength=" + maxResponseLength + "]";
    }

    /** Builds {@link Options}. */
    public static final class Builder {
      private int timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
      private ExtendedLength extendedLength = ExtendedLength.AUTO;
      private int maxResponseLength = SAFE_MAX_RESPONSE_LENGTH;

      /**
       * Sets the largest response read with {@link ExtendedLength#ALWAYS} (default {@value
       * IsoDepTransport#SAFE_MAX_RESPONSE_LENGTH}); raise it only for phones proven to deliver more.
       *
       * @param maxResponseLength bytes including SW1 SW2, 258..65538
       * @return this builder
       * @throws IllegalArgumentException if out of range
       */
      public Builder maxResponseLength(int maxResponseLength) {
        if (maxResponseLength < TransportCapabilities.SHORT_MAX_RESPONSE || maxResponseLength > 65538) {
          throw new IllegalArgumentException("maxResponseLength must be 258..65538, was " + maxResponseLength);
        }
        this.maxResponseLength = maxResponseLength;
        return this;
      }

      private Builder() {}

      /**
       * Sets the transceive timeout (default {@value IsoDepTransport#DEFAULT_TIMEOUT_MILLIS} ms). It must
       * cover the slowest APDU: COMPUTE DIGITAL SIGNATURE.
       *
       * @param timeoutMillis positive milliseconds
       * @return this builder
       * @throws IllegalArgumentException if not positive
       */
      public Builder timeoutMillis(int timeoutMillis) {
        if (timeoutMillis <= 0) {
          throw new IllegalArgumentException("timeoutMillis must be positive, was " + timeoutMillis);
        }
        this.timeoutMillis = timeoutMillis;
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

  private final IsoDep isoDep;
  private final int timeoutMillis;
  private final TransportCapabilities capabilities;
  private final AtomicBoolean closed = new AtomicBoolean();

  private IsoDepTransport(IsoDep isoDep, int timeoutMillis, TransportCapabilities capabilities) {
    this.isoDep = isoDep;
    this.timeoutMillis = timeoutMillis;
    this.capabilities = capabilities;
  }

  /**
   * Connects to the ISO-DEP card behind a discovered tag with the default {@link Options}. Blocking.
   *
   * @param tag the tag from {@code NfcAdapter.ReaderCallback.onTagDiscovered} or the NFC intent
   * @return the open transport
   * @throws TransportException {@link Reason#IO_ERROR} if the tag is not ISO-DEP (not a My Number Card)
   *     or connecting fails, {@link Reason#CARD_REMOVED} if the card left the field
   */
  public static IsoDepTransport connect(Tag tag) throws TransportException {
    return connect(tag, Options.defaults());
  }

  /**
   * Connects to the ISO-DEP card behind a discovered tag. Blocking.
   *
   * @param tag the tag
   * @param options timeout and extended-length policy
   * @return the open transport
   * @throws TransportException {@link Reason#IO_ERROR} if the tag is not ISO-DEP (not a My Number Card)
   *     or connecting fails, {@link Reason#CARD_REMOVED} if the card left the field
   */
  public static IsoDepTransport connect(Tag tag, Options options) throws TransportException {
    Objects.requireNonNull(tag, "tag");
    IsoDep isoDep = IsoDep.get(tag);
    if (isoDep == null) {
      throw new TransportException(
          Reason.IO_ERROR,
          "The NFC tag is not an ISO-DEP (ISO 14443-4) card, so not a My Number Card. Hold the My Number"
              + " Card flat against the phone's NFC antenna.");
    }
    return connect(isoDep, options);
  }

  /**
   * Connects an {@link IsoDep} the app already holds (connecting it if needed) and sets its timeout.
   * Blocking. The transport owns the IsoDep from now on: closing the transport closes it.
   *
   * @param isoDep the technology object
   * @param options timeout and extended-length policy
   * @return the open transport
   * @throws TransportException {@link Reason#CARD_REMOVED} if the card left the field,
   *     {@link Reason#IO_ERROR} if connecting fails
   */
  public static IsoDepTransport connect(IsoDep isoDep, Options options) throws TransportException {
    Objects.requireNonNull(isoDep, "isoDep");
    Objects.requireNonNull(options, "options");
    open(isoDep, options.timeoutMillis());
    TransportCapabilities caps;
    try {
      caps = negotiate(isoDep, options);
    } catch (TransportException | RuntimeException e) {
      closeQuietly(isoDep);
      throw e;
    }
    log.debug("IsoDep connected: timeout {} ms, {}", options.timeoutMillis(), caps);
    return new IsoDepTransport(isoDep, options.timeoutMillis(), caps);
  }

  private static void open(IsoDep isoDep, int timeoutMillis) throws TransportException {
    try {
      if (!isoDep.isConnected()) {
        isoDep.connect();
      }
      // After connect, before the first APDU: close() resets it, and COMPUTE DIGITAL SIGNATURE needs it.
      isoDep.setTimeout(timeoutMillis);
    } catch (IOException | RuntimeException e) {
      closeQuietly(isoDep);
      throw map("connecting to the card", e, timeoutMillis);
    }
  }

  /** Extended commands only when the phone offers them; reads stay short unless opted in. */
  private static TransportCapabilities negotiate(IsoDep isoDep, Options options) throws TransportException {
    if (options.extendedLength() == ExtendedLength.NEVER) {
      return TransportCapabilities.shortOnly();
    }
    int max;
    boolean phoneSupports;
    try {
      phoneSupports = isoDep.isExtendedLengthApduSupported();
      max = isoDep.getMaxTransceiveLength();
    } catch (RuntimeException e) {
      throw map("reading the NFC capabilities", e, options.timeoutMillis());
    }
    if (!phoneSupports || max <= TransportCapabilities.SHORT_MAX_COMMAND) {
      log.debug("IsoDep: extended length not offered (supported={}, maxTransceive={})", phoneSupports, max);
      return TransportCapabilities.shortOnly();
    }
    if (options.extendedLength() == ExtendedLength.ALWAYS) {
      return TransportCapabilities.extended(max, options.maxResponseLength());
    }
    if (options.extendedLength() == ExtendedLength.PROVE
        && options.maxResponseLength() > TransportCapabilities.SHORT_MAX_RESPONSE) {
      return TransportCapabilities.proveExtended(max, options.maxResponseLength());
    }
    // AUTO: extended commands if needed, short reads: the largest response a phone delivers is unknown.
    return TransportCapabilities.extended(max, TransportCapabilities.SHORT_MAX_RESPONSE);
  }

  /**
   * Sends one command APDU and returns the response bytes unchanged (data ‖ SW1 SW2). Blocking, up to
   * the timeout.
   *
   * @param command an encoded command APDU, at least 4 bytes; extended forms only if
   *     {@link #capabilities()} allow them
   * @return the response, at least 2 bytes
   * @throws TransportException {@link Reason#CARD_REMOVED} if the card moved away (tag lost),
   *     {@link Reason#IO_ERROR} on other NFC failures, {@link Reason#LENGTH_LIMIT} if the command does not
   *     fit, {@link Reason#CLOSED} after {@link #close()}
   * @throws IllegalArgumentException if the command is shorter than 4 bytes
   */
  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    Objects.requireNonNull(command, "command");
    if (command.length < 4) {
      throw new IllegalArgumentException("A command APDU has at least 4 bytes, got " + command.length);
    }
    if (closed.get()) {
      throw new TransportException(Reason.CLOSED, "This NFC connection is closed.");
    }
    if (command.length > capabilities.maxCommandLength()) {
      throw new TransportException(
          Reason.LENGTH_LIMIT,
          "Command of " + command.length + " bytes exceeds this phone's NFC limit of "
              + capabilities.maxCommandLength() + " bytes.");
    }
    if (!capabilities.extendedLength() && isExtended(command)) {
      throw new TransportException(
          Reason.LENGTH_LIMIT,
          "Extended-length APDU on a short-only NFC connection (extended length disabled or not supported"
              + " by this phone); send short APDUs as capabilities() say.");
    }
    if (log.isTraceEnabled()) {
      log.trace(">> {} len={}", header(command), command.length);
    }
    byte[] response;
    try {
      response = isoDep.transceive(command.clone());
    } catch (IOException | RuntimeException e) {
      throw map("exchanging " + header(command), e, timeoutMillis);
    }
    if (response == null || response.length < 2) {
      throw new TransportException(
          Reason.IO_ERROR,
          "The NFC stack returned " + (response == null ? "nothing" : response.length + " bytes")
              + " instead of a response APDU. Hold the card still and try again.");
    }
    if (log.isTraceEnabled()) {
      log.trace("<< SW={} len={}", String.format("%04X", sw(response)), response.length);
    }
    return response;
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  /**
   * The transceive timeout set on the IsoDep.
   *
   * @return milliseconds
   */
  public int timeoutMillis() {
    return timeoutMillis;
  }

  /**
   * Whether {@link #close()} has been called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  /** Closes the IsoDep (Android then resets its timeout). Idempotent, never throws. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(isoDep);
    }
  }

  @Override
  public String toString() {
    return "IsoDepTransport[timeout=" + timeoutMillis + "ms, " + capabilities + (closed.get() ? ", closed" : "") + "]";
  }

  private static void closeQuietly(IsoDep isoDep) {
    try {
      isoDep.close();
    } catch (IOException | RuntimeException e) {
      log.debug("Closing IsoDep failed: {}", e.getClass().getSimpleName());
    }
  }

  /**
   * The one place NFC failures become {@link TransportException}s. {@code TagLostException} and the
   * {@code SecurityException} Android throws for a stale tag mean the card left the field.
   */
  static TransportException map(String operation, Exception e, int timeoutMillis) {
    if (e instanceof TagLostException) {
      return new TransportException(
          Reason.CARD_REMOVED,
          "The card moved away from the phone while " + operation + " (tag lost). Hold the card still"
              + " against the NFC antenna until the operation finishes, then try again.",
          e);
    }
    if (e instanceof SecurityException) {
      return new TransportException(
          Reason.CARD_REMOVED,
          "The card left the NFC field while " + operation + " (the tag is out of date). Tap the card"
              + " again.",
          e);
    }
    if (e instanceof IllegalStateException) {
      return new TransportException(
          Reason.IO_ERROR,
          "The NFC connection is not usable while " + operation + " (another technology is connected,"
              + " or the IsoDep was closed). Tap the card again.",
          e);
    }
    return new TransportException(
        Reason.IO_ERROR,
        "NFC exchange failed while " + operation + " (" + e.getClass().getSimpleName() + "). Hold the card"
            + " still and try again; if it fails during signing, raise the timeout (now " + timeoutMillis
            + " ms).",
        e);
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
    return String.format(Locale.ROOT, "%02X %02X %02X %02X", command[0], command[1], command[2], command[3]);
  }

}
