// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.testkit.card.ApduProcessor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process {@link CardTransport} to an {@link ApduProcessor} (normally a {@code
 * VirtualMyNumberCard}), with configurable capabilities, an APDU counter, a {@link LatencyModel}
 * that accumulates simulated card time without sleeping, and fault injection.
 *
 * <p>Opening the transport is a power-on of the card ({@link ApduProcessor#reset()}), and {@link
 * #close()} resets it again, as a PC/SC disconnect with reset or an NFC re-activation would.
 *
 * <p>Numbering: "APDU {@code n}" in the fault methods is the {@code n}-th call of {@link
 * #transceive(byte[])} on this transport (1-based), whatever its outcome. {@link #apduCount()}
 * counts only the commands that reached the card.
 *
 * <p>Not thread-safe; confine to one thread like every {@link CardTransport}.
 */
public final class VirtualCardTransport implements CardTransport {
  private static final Logger log = LoggerFactory.getLogger(VirtualCardTransport.class);

  /** Largest extended command: 4 header + 3 Lc + 65535 data + 2 Le. */
  static final int EXTENDED_MAX_COMMAND = 65544;

  /** Largest extended response: 65536 data + SW1 SW2. */
  static final int EXTENDED_MAX_RESPONSE = 65538;

  private enum FaultKind { REMOVE_BEFORE, REMOVE_AFTER, TAG_LOST, STATUS_WORD, TRUNCATE, CORRUPT }

  private static final class Fault {
    final FaultKind kind;
    final int arg;

    Fault(FaultKind kind, int arg) {
      this.kind = kind;
      this.arg = arg;
    }
  }

  private final ApduProcessor card;
  private final TransportCapabilities capabilities;
  private final LatencyModel latency;
  private final Map<Integer, Fault> faults = new HashMap<>();

  private int calls;
  private int apduCount;
  private long simulatedNanos;
  private boolean present = true;
  private boolean tagLost;
  private boolean closed;

  private VirtualCardTransport(Builder b) {
    this.card = b.card;
    this.capabilities = b.capabilities;
    this.latency = b.latency;
    card.reset(); // connecting powers the card on: volatile state starts clean
  }

  /**
   * A transport with default capabilities (extended length, commands up to 65544 bytes, responses up
   * to 65538 bytes) and no latency.
   *
   * @param card the card
   * @return the transport, connected
   */
  public static VirtualCardTransport of(ApduProcessor card) {
    return builder(card).build();
  }

  /**
   * Starts a builder.
   *
   * @param card the card
   * @return a new builder
   */
  public static Builder builder(ApduProcessor card) {
    return new Builder(card);
  }

  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    if (closed) {
      throw new TransportException(TransportException.Reason.CLOSED, "transport is closed");
    }
    int n = ++calls;
    if (!present) {
      throw removed();
    }
    Fault fault = faults.isEmpty() ? null : faults.get(n);
    if (fault != null && fault.kind == FaultKind.REMOVE_BEFORE) {
      present = false;
      log.debug("fault: card removed before APDU {}", n);
      throw removed();
    }
    // A short-only stack (e.g. an NFC controller without extended length) refuses the command
    // before it reaches the card.
    if (Apdus.isExtended(command) && !capabilities.extendedLength()) {
      throw new TransportException(TransportException.Reason.LENGTH_LIMIT,
          "extended-length APDU on a short-only transport (" + command.length + " bytes)");
    }
    if (command.length > capabilities.maxCommandLength()) {
      throw new TransportException(TransportException.Reason.LENGTH_LIMIT,
          "command of " + command.length + " bytes exceeds the transport maximum of "
              + capabilities.maxCommandLength());
    }
    byte[] response;
    if (fault != null && fault.kind == FaultKind.STATUS_WORD) {
      // The injected status word replaces the exchange: the card never sees the command.
      response = new byte[] {(byte) (fault.arg >>> 8), (byte) fault.arg};
      log.debug("fault: APDU {} answered with injected SW {}", n, String.format("%04X", fault.arg));
    } else {
      long rsaBefore = card.rsaOperationCount();
      response = card.process(command);
      apduCount++;
      simulatedNanos += latency.costNanos(command.length + response.length,
          card.rsaOperationCount() - rsaBefore);
    }
    if (fault != null) {
      switch (fault.kind) {
        case TAG_LOST:
          present = false;
          tagLost = true;
          log.debug("fault: tag lost during APDU {}", n);
          // The card processed the command; the host cannot know whether a VERIFY counted.
          boolean verify = command.length >= 2 && (command[1] & 0xFF) == 0x20;
          throw new TransportException(TransportException.Reason.CARD_REMOVED,
              "tag was lost (card left the field)", null, verify);
        case REMOVE_AFTER:
          present = false;
          log.debug("fault: card removed after APDU {}", n);
          break;
        case TRUNCATE:
          response = java.util.Arrays.copyOf(response, Math.min(fault.arg, response.length));
          log.debug("fault: APDU {} response truncated to {} bytes", n, response.length);
          break;
        case CORRUPT:
          if (response.length > 0) {
            int i = Math.min(fault.arg, response.length - 1);
            response[i] ^= (byte) 0xFF;
          }
          log.debug("fault: APDU {} response corrupted", n);
          break;
        default:
          break;
      }
    }
    if (response.length > capabilities.maxResponseLength()) {
      // Like javax.smartcardio's 8192-byte buffer (docs/testing.md §1.6): the card already acted.
      throw new TransportException(TransportException.Reason.LENGTH_LIMIT,
          "response of " + response.length + " bytes exceeds the transport maximum of "
              + capabilities.maxResponseLength());
    }
    return response;
  }

  private TransportException removed() {
    return new TransportException(TransportException.Reason.CARD_REMOVED,
        tagLost ? "tag was lost (card left the field)" : "card was removed");
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  /** Closes the transport and resets the card (disconnect with reset). Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (present) {
        card.reset();
      }
    }
  }

  /**
   * Removes the card now: every later {@link #transceive(byte[])} fails with {@code CARD_REMOVED}.
   */
  public void removeCard() {
    present = false;
  }

  /**
   * Puts the card back (power-on reset): later exchanges reach it again. Retry counters and PIN
   * changes persist, as on a real card.
   */
  public void insertCard() {
    present = true;
    tagLost = false;
    card.reset();
  }

  /**
   * Whether the card is present (not removed by a fault or {@link #removeCard()}).
   *
   * @return true if present
   */
  public boolean isCardPresent() {
    return present;
  }

  /**
   * Removes the card just before APDU {@code n}: that call and all later ones fail with {@code
   * CARD_REMOVED}; the card never sees APDU {@code n}.
   *
   * @param n the 1-based call number
   * @return this transport
   */
  public VirtualCardTransport removeCardBefore(int n) {
    return fault(n, FaultKind.REMOVE_BEFORE, 0);
  }

  /**
   * Removes the card just after APDU {@code n}: its response is delivered, later calls fail with
   * {@code CARD_REMOVED}.
   *
   * @param n the 1-based call number
   * @return this transport
   */
  public VirtualCardTransport removeCardAfter(int n) {
    return fault(n, FaultKind.REMOVE_AFTER, 0);
  }

  /**
   * NFC tag lost during APDU {@code n}: the card processes it (a VERIFY may count), the response
   * is lost, the call fails with {@code CARD_REMOVED} ({@code outcomeUnknown()} true for a VERIFY),
   * and so do all later calls.
   *
   * @param n the 1-based call number
   * @return this transport
   */
  public VirtualCardTransport loseTagDuring(int n) {
    return fault(n, FaultKind.TAG_LOST, 0);
  }

  /**
   * Answers APDU {@code n} with the given status word and no data; the card does not see it.
   *
   * @param n the 1-based call number
   * @param sw the status word, {@code 0000..FFFF}
   * @return this transport
   */
  public VirtualCardTransport respondWith(int n, int sw) {
    if (sw < 0 || sw > 0xFFFF) {
      throw new IllegalArgumentException("status word out of range: " + sw);
    }
    return fault(n, FaultKind.STATUS_WORD, sw);
  }

  /**
   * Cuts the response of APDU {@code n} to its first {@code length} bytes (the card processes the
   * command normally).
   *
   * @param n the 1-based call number
   * @param length bytes to keep, at least 0
   * @return this transport
   */
  public VirtualCardTransport truncateResponse(int n, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    return fault(n, FaultKind.TRUNCATE, length);
  }

  /**
   * Flips all bits of the first byte of the response to APDU {@code n}.
   *
   * @param n the 1-based call number
   * @return this transport
   */
  public VirtualCardTransport corruptResponse(int n) {
    return corruptResponse(n, 0);
  }

  /**
   * Flips all bits of response byte {@code index} (or the last byte if the response is shorter) of
   * APDU {@code n}.
   *
   * @param n the 1-based call number
   * @param index the byte to corrupt, at least 0
   * @return this transport
   */
  public VirtualCardTransport corruptResponse(int n, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    return fault(n, FaultKind.CORRUPT, index);
  }

  private VirtualCardTransport fault(int n, FaultKind kind, int arg) {
    if (n < 1) {
      throw new IllegalArgumentException("APDU numbers start at 1, was " + n);
    }
    faults.put(n, new Fault(kind, arg));
    return this;
  }

  /**
   * Commands that reached the card (injected status words and refused commands not counted).
   *
   * @return the count
   */
  public int apduCount() {
    return apduCount;
  }

  /**
   * Calls of {@link #transceive(byte[])} so far (the numbering the fault methods use).
   *
   * @return the count
   */
  public int transceiveCalls() {
    return calls;
  }

  /**
   * Card time accumulated by the {@link LatencyModel}.
   *
   * @return the simulated time
   */
  public Duration simulatedTime() {
    return Duration.ofNanos(simulatedNanos);
  }

  /**
   * The latency model in use.
   *
   * @return the model
   */
  public LatencyModel latency() {
    return latency;
  }

  /** Sets the APDU counter and simulated time back to zero (fault numbering is not affected). */
  public void resetCounters() {
    apduCount = 0;
    simulatedNanos = 0;
  }

  @Override
  public String toString() {
    return "VirtualCardTransport[" + capabilities + ", apdus=" + apduCount + ", present="
        + present + (closed ? ", closed" : "") + "]";
  }

  /** Configures a {@link VirtualCardTransport}. */
  public static final class Builder {
    private final ApduProcessor card;
    private TransportCapabilities capabilities =
        TransportCapabilities.extended(EXTENDED_MAX_COMMAND, EXTENDED_MAX_RESPONSE);
    private LatencyModel latency = LatencyModel.none();

    private Builder(ApduProcessor card) {
      this.card = card;
    }

    /**
     * What the simulated reader can carry (default: extended, 65544 / 65538 bytes). With {@link
     * TransportCapabilities#shortOnly()} extended APDUs fail with {@code LENGTH_LIMIT} like a
     * short-only NFC stack; with {@code extended(65535, 8192)} the transport behaves like
     * javax.smartcardio (docs/testing.md §1.6).
     *
     * @param capabilities the capabilities
     * @return this builder
     */
    public Builder capabilities(TransportCapabilities capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    /**
     * The latency model (default {@link LatencyModel#none()}).
     *
     * @param latency the model
     * @return this builder
     */
    public Builder latency(LatencyModel latency) {
      this.latency = latency;
      return this;
    }

    /**
     * Connects (power-on reset of the card).
     *
     * @return the transport
     */
    public VirtualCardTransport build() {
      return new VirtualCardTransport(this);
    }
  }
}
