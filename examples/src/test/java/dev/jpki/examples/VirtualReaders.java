// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.nio.ByteBuffer;
import java.util.List;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * One javax.smartcardio reader, in process, holding a virtual My Number Card: what {@code
 * PcscReaders.of(..)} needs to run the README's PC/SC programs without pcscd. Only what {@code
 * PcscReaders} and {@code PcscTransport} call is implemented; the pcscd + vpcd path of the same
 * transport is tested in jpki-pcsc ({@code CardApiPcscTest}).
 */
final class VirtualReaders extends CardTerminals {
  private final Reader reader;

  VirtualReaders(VirtualMyNumberCard card) {
    this.reader = new Reader(card);
  }

  /** Whether the last connection was closed (the loan entry point must always close it). */
  boolean disconnected() {
    return reader.connection == null || reader.connection.disconnected;
  }

  @Override
  public List<CardTerminal> list(State state) {
    return List.of(reader);
  }

  @Override
  public boolean waitForChange(long timeout) {
    return false;
  }

  private static final class Reader extends CardTerminal {
    private final VirtualMyNumberCard card;
    private Connection connection;

    Reader(VirtualMyNumberCard card) {
      this.card = card;
    }

    @Override
    public String getName() {
      return "In-process Virtual Reader 00 00";
    }

    @Override
    public Card connect(String protocol) {
      connection = new Connection(card);
      return connection;
    }

    @Override
    public boolean isCardPresent() {
      return true;
    }

    @Override
    public boolean waitForCardPresent(long timeout) {
      return true;
    }

    @Override
    public boolean waitForCardAbsent(long timeout) {
      return false;
    }
  }

  private static final class Connection extends Card {
    private final VirtualMyNumberCard card;
    private volatile boolean disconnected;
    private final CardChannel channel = new CardChannel() {
      @Override
      public Card getCard() {
        return Connection.this;
      }

      @Override
      public int getChannelNumber() {
        return 0;
      }

      @Override
      public ResponseAPDU transmit(CommandAPDU command) throws CardException {
        return new ResponseAPDU(process(command.getBytes()));
      }

      @Override
      public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
        byte[] c = new byte[command.remaining()];
        command.get(c);
        byte[] r = process(c);
        response.put(r);
        return r.length;
      }

      @Override
      public void close() {}
    };

    Connection(VirtualMyNumberCard card) {
      this.card = card;
    }

    private byte[] process(byte[] command) throws CardException {
      if (disconnected) {
        throw new CardException("disconnected");
      }
      return card.process(command);
    }

    @Override
    public ATR getATR() {
      return new ATR(new byte[] {0x3B, (byte) 0xE0, 0x00, (byte) 0xFF, (byte) 0x81, 0x31, (byte) 0xFE, 0x45, 0x14});
    }

    @Override
    public String getProtocol() {
      return "T=1";
    }

    @Override
    public CardChannel getBasicChannel() {
      return channel;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
      throw new CardException("no logical channels");
    }

    @Override
    public void beginExclusive() {}

    @Override
    public void endExclusive() {}

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
      throw new CardException("no control commands");
    }

    @Override
    public void disconnect(boolean reset) {
      disconnected = true;
    }
  }
}
