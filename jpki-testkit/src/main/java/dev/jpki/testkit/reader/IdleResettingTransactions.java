// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.reader;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.TransportException;
import dev.jpki.testkit.card.ApduProcessor;
import java.time.Duration;

/**
 * A Windows-like PC/SC service: a transaction ({@link #beginExclusive()}) left idle for more than 5
 * seconds is ended by the system, which resets the card; the next exchange reports the reset once
 * ({@link TransportException.Reason#CARD_RESET}, like {@code SCARD_W_RESET_CARD}) and later exchanges
 * reach the freshly reset card. {@link #resetByAnotherProgram()} models another application resetting
 * the card. Time comes from a {@link TestClock}, so tests never sleep.
 *
 * <p>Confined to one thread, like every transport.
 */
public final class IdleResettingTransactions extends ForwardingTransport {
  /** The idle limit of a transaction on Windows ({@code SCardBeginTransaction} documentation). */
  public static final Duration IDLE_LIMIT = Duration.ofSeconds(5);

  private final ApduProcessor card;
  private final TestClock clock;
  private int depth;
  private long lastActivity;
  private boolean resetPending;
  private int resets;

  /**
   * Wraps a transport to {@code card}.
   *
   * @param transport the transport to the card
   * @param card the card itself, to reset it
   * @param clock the clock that measures idle time
   */
  public IdleResettingTransactions(CardTransport transport, ApduProcessor card, TestClock clock) {
    super(transport);
    this.card = card;
    this.clock = clock;
  }

  @Override
  public byte[] transceive(byte[] command) throws TransportException {
    expireIdleTransaction();
    if (resetPending) {
      resetPending = false;
      throw new TransportException(TransportException.Reason.CARD_RESET,
          "the card was reset (SCARD_W_RESET_CARD); reconnected: verified credentials were lost");
    }
    byte[] r = super.transceive(command);
    lastActivity = clock.nanos();
    return r;
  }

  @Override
  public void beginExclusive() throws TransportException {
    expireIdleTransaction();
    if (depth++ == 0) {
      lastActivity = clock.nanos();
    }
    super.beginExclusive();
  }

  @Override
  public void endExclusive() {
    expireIdleTransaction();
    if (depth > 0) {
      depth--;
    }
    super.endExclusive();
  }

  /** Resets the card as another program would; the next exchange reports it. */
  public void resetByAnotherProgram() {
    card.reset();
    resetPending = true;
    resets++;
  }

  /**
   * How many times the card was reset by this model (idle transactions and other programs).
   *
   * @return the count
   */
  public int resets() {
    return resets;
  }

  /**
   * Whether a transaction is held now.
   *
   * @return true between {@link #beginExclusive()} and the matching {@link #endExclusive()}
   */
  public boolean inTransaction() {
    return depth > 0;
  }

  private void expireIdleTransaction() {
    if (depth > 0 && clock.nanos() - lastActivity > IDLE_LIMIT.toNanos()) {
      depth = 0;
      card.reset();
      resetPending = true;
      resets++;
    }
  }
}
