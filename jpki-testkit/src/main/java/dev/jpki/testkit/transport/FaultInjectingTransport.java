// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CardTransport} decorator that injects one fault into chosen exchanges of any transport (the
 * virtual card, a scripted fake, a real reader), so a test can make every APDU of a card flow fail in
 * turn.
 *
 * <p>Numbering: "exchange {@code n}" is the {@code n}-th call of {@link #transceive(byte[])} on this
 * decorator (1-based), whatever its outcome. Faults are transient: the exchanges after a faulty one
 * reach the delegate again, as after a reader hiccup, so a test can check that a session recovers.
 *
 * <pre>{@code
 * FaultInjectingTransport t = FaultInjectingTransport.wrap(virtualCardTransport)
 *     .inject(7, FaultInjectingTransport.Fault.responseLost());
 * }</pre>
 *
 * <p>Not thread-safe; confine to one thread like every {@link CardTransport}.
 */
public final class FaultInjectingTransport implements CardTransport {

  /** What can go wrong with one exchange. */
  public enum Kind {
    /** The exchange fails before the command leaves the host: the card never sees it. */
    FAIL_BEFORE_SEND,
    /** The card processes the command, but its response is lost (NFC tag lost, reader timeout). */
    RESPONSE_LOST,
    /** The card processes the command; only the first bytes of its response arrive. */
    TRUNCATED,
    /** The card processes the command; the host receives only a given status word. */
    STATUS_WORD,
    /** The card processes the command; the host receives random bytes (seeded, reproducible). */
    GARBAGE
  }

  /** One fault: its kind and argument. Immutable. */
  public static final class Fault {
    private final Kind kind;
    private final long arg;

    private Fault(Kind kind, long arg) {
      this.kind = kind;
      this.arg = arg;
    }

    /**
     * A transport error before the command is sent.
     *
     * @return the fault
     */
    public static Fault failBeforeSend() {
      return new Fault(Kind.FAIL_BEFORE_SEND, 0);
    }

    /**
     * The card acts on the command, the response never arrives.
     *
     * @return the fault
     */
    public static Fault responseLost() {
      return new Fault(Kind.RESPONSE_LOST, 0);
    }

    /**
     * The card acts on the command; only the first {@code keep} bytes of its response arrive (all of
     * them if the response is shorter).
     *
     * @param keep bytes to keep, at least 0
     * @return the fault
     */
    public static Fault truncated(int keep) {
      if (keep < 0) {
        throw new IllegalArgumentException("keep must not be negative: " + keep);
      }
      return new Fault(Kind.TRUNCATED, keep);
    }

    /**
     * The card acts on the command; the host receives {@code sw} and no data.
     *
     * @param sw the status word, {@code 0000..FFFF}
     * @return the fault
     */
    public static Fault statusWord(int sw) {
      if (sw < 0 || sw > 0xFFFF) {
        throw new IllegalArgumentException("status word out of range: " + sw);
      }
      return new Fault(Kind.STATUS_WORD, sw);
    }

    /**
     * The card acts on the command; the host receives 0 to 300 random bytes drawn from {@code seed}.
     *
     * @param seed the seed, so a failing case can be replayed
     * @return the fault
     */
    public static Fault garbage(long seed) {
      return new Fault(Kind.GARBAGE, seed);
    }

    /**
     * The kind of fault.
     *
     * @return the kind
     */
    public Kind kind() {
      return kind;
    }

    /** @return e.g. {@code STATUS_WORD(6F00)} or {@code GARBAGE(seed=7)} */
    @Override
    public String toString() {
      switch (kind) {
        case TRUNCATED:
          return kind + "(" + arg + ")";
        case STATUS_WORD:
          return kind + "(" + String.format(Locale.ROOT, "%04X", arg) + ")";
        case GARBAGE:
          return kind + "(seed=" + arg + ")";
        default:
          return kind.toString();
      }
    }
  }

  private final CardTransport delegate;
  private final Map<Integer, Fault> faults = new HashMap<>();
  private int calls;
  /** INS byte of every exchange so far (no command data), so a test can aim at e.g. each VERIFY. */
  private final List<Integer> instructions = new ArrayList<>();
  private int fired;
  private byte @Nullable [] lastFaultyCommand;
  private int lastInjectedStatusWord = -1;

  private FaultInjectingTransport(CardTransport delegate) {
    this.delegate = delegate;
  }

  /**
   * Wraps a transport; closing the decorator closes it.
   *
   * @param delegate the transport that reaches the card
   * @return the decorator, with no fault configured
   */
  public static FaultInjectingTransport wrap(CardTransport delegate) {
    return new FaultInjectingTransport(delegate);
  }

  /**
   * Injects {@code fault} into exchange {@code n}, replacing any fault set for it before.
   *
   * @param n the 1-based call number
   * @param fault the fault
   * @return this decorator
   */
  public FaultInjectingTransport inject(int n, Fault fault) {
    if (n < 1) {
      throw new IllegalArgumentException("exchanges are numbered from 1, was " + n);
    }
    faults.put(n, fault);
    return this;
  }

  /** Removes every configured fault that has not fired yet. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Calls of {@link #transceive(byte[])} so far (the numbering {@link #inject} uses).
   *
   * @return the count
   */
  public int calls() {
    return calls;
  }

  /**
   * The instruction byte of every exchange so far, in order (index 0 is exchange 1); -1 for a command
   * shorter than 2 bytes. Only the INS: no command data is kept.
   *
   * @return an unmodifiable copy
   */
  public List<Integer> instructions() {
    return List.copyOf(instructions);
  }

  /**
   * How many injected faults have fired.
   *
   * @return the count
   */
  public int faultsFired() {
    return fired;
  }

  /**
   * The instruction byte of the last command a fault hit, or -1 if none fired yet.
   *
   * @return the INS, 0..255, or -1
   */
  public int lastFaultyInstruction() {
    byte[] c = lastFaultyCommand;
    return c == null || c.length < 2 ? -1 : c[1] & 0xFF;
  }

  /**
   * The status word (last two bytes) of the last response a fault delivered, so a test can tell a
   * corrupted response that happens to end in a real status word (which the SDK must believe) from noise.
   *
   * @return {@code 0000..FFFF}, or -1 if the last fault delivered no response or fewer than 2 bytes
   */
  public int lastInjectedStatusWord() {
    return lastInjectedStatusWord;
  }

  /**
   * Whether the last command a fault hit carried command data (for a VERIFY: a credential value rather
   * than the empty status query).
   *
   * @return true if it had data; false if it had none or no fault fired yet
   */
  public boolean lastFaultyCommandCarriedData() {
    byte[] c = lastFaultyCommand;
    if (c == null) {
      return false;
    }
    // Case 3/4 APDUs have Lc after the header: short (1 byte, non-zero) or extended (00 + 2 bytes, non-zero).
    // Anything shorter, or a case 2 APDU (header + Le only), carries no data; raw bytes that are not an APDU
    // at all count as none either.
    if (c.length <= 5) {
      return false;
    }
    if (c[4] != 0) {
      return c.length >= 5 + (c[4] & 0xFF);
    }
    return c.length > 7 && ((c[5] & 0xFF) << 8 | (c[6] & 0xFF)) > 0 && c.length >= 7 + ((c[5] & 0xFF) << 8 | (c[6] & 0xFF));
  }

  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    int n = ++calls;
    instructions.add(command.length >= 2 ? command[1] & 0xFF : -1);
    Fault fault = faults.remove(n);
    if (fault == null) {
      return delegate.transceive(command);
    }
    fired++;
    lastFaultyCommand = command.clone();
    if (fault.kind == Kind.FAIL_BEFORE_SEND) {
      lastInjectedStatusWord = -1;
      throw new TransportException(TransportException.Reason.IO_ERROR,
          "injected fault: exchange " + n + " failed before the command was sent");
    }
    lastInjectedStatusWord = -1;
    byte[] response = delegate.transceive(command);
    byte[] delivered = deliver(fault, n, response);
    if (delivered.length >= 2) {
      lastInjectedStatusWord = ((delivered[delivered.length - 2] & 0xFF) << 8) | (delivered[delivered.length - 1] & 0xFF);
    }
    return delivered;
  }

  private static byte[] deliver(Fault fault, int n, byte[] response) throws TransportException {
    switch (fault.kind) {
      case RESPONSE_LOST:
        throw new TransportException(TransportException.Reason.TIMEOUT,
            "injected fault: the response to exchange " + n + " was lost");
      case TRUNCATED:
        return Arrays.copyOf(response, (int) Math.min(fault.arg, response.length));
      case STATUS_WORD:
        return new byte[] {(byte) (fault.arg >>> 8), (byte) fault.arg};
      case GARBAGE:
        Random random = new Random(fault.arg);
        byte[] junk = new byte[random.nextInt(301)];
        random.nextBytes(junk);
        return junk;
      default:
        throw new AssertionError(fault.kind);
    }
  }

  @Override
  public TransportCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void beginExclusive() throws TransportException {
    delegate.beginExclusive();
  }

  @Override
  public void endExclusive() {
    delegate.endExclusive();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** @return {@code FaultInjectingTransport[calls=N, fired=M]}: no APDU data */
  @Override
  public String toString() {
    return "FaultInjectingTransport[calls=" + calls + ", fired=" + fired + "]";
  }
}
