// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/** A fake reader: holds at most one {@link ApduHandler} card; records every connection made. */
public final class FakeTerminal extends CardTerminal {
  private final String name;
  private volatile ApduHandler card;
  private volatile FakeTerminals owner;
  private volatile String negotiatedProtocol = "T=1";
  private final List<CardException> connectFailures = new CopyOnWriteArrayList<>();
  private volatile CardException presenceFailure;
  private final List<FakeCard> connections = new CopyOnWriteArrayList<>();
  private final List<String> requestedProtocols = new CopyOnWriteArrayList<>();
  private final List<Long> presenceWaits = new CopyOnWriteArrayList<>();

  public FakeTerminal(String name) {
    this.name = name;
  }

  public FakeTerminal(String name, ApduHandler card) {
    this.name = name;
    this.card = card;
  }

  void attach(FakeTerminals owner) {
    this.owner = owner;
  }

  public void insert(ApduHandler card) {
    this.card = card;
    changed();
  }

  public void remove() {
    this.card = null;
    changed();
  }

  private void changed() {
    synchronized (this) {
      notifyAll();
    }
    FakeTerminals o = owner;
    if (o != null) {
      o.signalChange();
    }
  }

  /** The protocol the next connections report, e.g. "T=0". */
  public void negotiate(String protocol) {
    this.negotiatedProtocol = protocol;
  }

  /** The next connect() throws this (once per call to this method). */
  public void failNextConnect(CardException e) {
    connectFailures.add(e);
  }

  public void failPresenceWith(CardException e) {
    this.presenceFailure = e;
  }

  public List<FakeCard> connections() {
    return connections;
  }

  public List<String> requestedProtocols() {
    return requestedProtocols;
  }

  public List<Long> presenceWaits() {
    return presenceWaits;
  }

  public FakeCard lastConnection() {
    return connections.get(connections.size() - 1);
  }

  ApduHandler currentCard() {
    return card;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Card connect(String protocol) throws CardException {
    requestedProtocols.add(protocol);
    if (!connectFailures.isEmpty()) {
      throw connectFailures.remove(0);
    }
    if (card == null) {
      // What SunPCSC's TerminalImpl.connect throws for SCARD_W_REMOVED_CARD / SCARD_E_NO_SMARTCARD.
      throw new CardNotPresentException("No card present", new Pcsc.FakePcscException("SCARD_E_NO_SMARTCARD"));
    }
    FakeCard c = new FakeCard(this, "*".equals(protocol) ? negotiatedProtocol : protocol);
    connections.add(c);
    return c;
  }

  @Override
  public boolean isCardPresent() throws CardException {
    if (presenceFailure != null) {
      throw presenceFailure;
    }
    return card != null;
  }

  @Override
  public boolean waitForCardPresent(long timeout) throws CardException {
    return waitFor(true, timeout);
  }

  @Override
  public boolean waitForCardAbsent(long timeout) throws CardException {
    return waitFor(false, timeout);
  }

  private synchronized boolean waitFor(boolean present, long timeout) throws CardException {
    presenceWaits.add(timeout);
    long deadline = System.currentTimeMillis() + (timeout == 0 ? Long.MAX_VALUE / 2 : timeout);
    while (isCardPresent() != present) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CardException("interrupted");
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "FakeTerminal[" + name + "]";
  }
}
