// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc.fake;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A fake connection to the card in a {@link FakeTerminal}. Records the commands sent and the lifecycle
 * events ("beginExclusive", "endExclusive", "disconnect(reset)", "disconnect(leave)") in order.
 * Like SunPCSC it refuses use after disconnect with IllegalStateException.
 */
public final class FakeCard extends Card {
  /** The real My Number Card contact ATR (docs/card-protocol.md §1). */
  public static final byte[] ATR_BYTES = {0x3B, (byte) 0xE0, 0x00, (byte) 0xFF, (byte) 0x81, 0x31, (byte) 0xFE, 0x45, 0x14};

  private final FakeTerminal terminal;
  private final String protocol;
  private final List<byte[]> commands = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Channel channel = new Channel();
  private volatile boolean disconnected;
  private volatile CardException beginExclusiveFailure;
  private volatile RuntimeException disconnectFailure;

  FakeCard(FakeTerminal terminal, String protocol) {
    this.terminal = terminal;
    this.protocol = protocol;
  }

  public List<byte[]> commands() {
    return new ArrayList<>(commands);
  }

  public List<String> events() {
    return new ArrayList<>(events);
  }

  public boolean isDisconnected() {
    return disconnected;
  }

  public void failBeginExclusiveWith(CardException e) {
    beginExclusiveFailure = e;
  }

  public void failDisconnectWith(RuntimeException e) {
    disconnectFailure = e;
  }

  @Override
  public ATR getATR() {
    return new ATR(ATR_BYTES);
  }

  @Override
  public String getProtocol() {
    return protocol;
  }

  @Override
  public CardChannel getBasicChannel() {
    return channel;
  }

  @Override
  public CardChannel openLogicalChannel() throws CardException {
    throw new CardException("not supported by the fake");
  }

  @Override
  public void beginExclusive() throws CardException {
    check();
    if (beginExclusiveFailure != null) {
      throw beginExclusiveFailure;
    }
    events.add("beginExclusive");
  }

  @Override
  public void endExclusive() throws CardException {
    check();
    events.add("endExclusive");
  }

  @Override
  public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
    throw new CardException("not supported by the fake");
  }

  @Override
  public void disconnect(boolean reset) throws CardException {
    if (disconnectFailure != null) {
      throw disconnectFailure;
    }
    if (disconnected) {
      return;
    }
    disconnected = true;
    events.add(reset ? "disconnect(reset)" : "disconnect(leave)");
  }

  private void check() {
    if (disconnected) {
      throw new IllegalStateException("Card has been disconnected");
    }
  }

  private final class Channel extends CardChannel {
    @Override
    public Card getCard() {
      return FakeCard.this;
    }

    @Override
    public int getChannelNumber() {
      return 0;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardException {
      // Deliberately unsupported: the transport must send raw bytes (ByteBuffer form).
      throw new UnsupportedOperationException("use transmit(ByteBuffer, ByteBuffer)");
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
      check();
      byte[] c = new byte[command.remaining()];
      command.get(c);
      commands.add(c);
      ApduHandler card = terminal.currentCard();
      if (card == null) {
        throw Pcsc.failure("transmit() failed", "SCARD_W_REMOVED_CARD");
      }
      byte[] r = card.process(c.clone());
      response.put(r); // BufferOverflowException when it does not fit, as in SunPCSC
      return r.length;
    }

    @Override
    public void close() {
      throw new IllegalStateException("Cannot close basic logical channel");
    }
  }
}
