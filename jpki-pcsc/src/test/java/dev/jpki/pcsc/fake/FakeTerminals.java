// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * A fake {@link CardTerminals} (apdu4j pcsc-sim style): a mutable list of {@link FakeTerminal}s whose
 * {@code waitForChange} wakes up when a card is inserted or removed.
 */
public final class FakeTerminals extends CardTerminals {
  private final List<FakeTerminal> terminals = new CopyOnWriteArrayList<>();
  private volatile CardException listFailure;
  private volatile RuntimeException listRuntimeFailure;
  private final Object changed = new Object();
  private long version;
  private long seenVersion;

  public FakeTerminals(FakeTerminal... terminals) {
    for (FakeTerminal t : terminals) {
      add(t);
    }
  }

  public void add(FakeTerminal t) {
    t.attach(this);
    terminals.add(t);
    signalChange();
  }

  /** Every later list() fails like SunPCSC does with this PC/SC code. */
  public void failListWith(String pcscCode) {
    this.listFailure = Pcsc.failure("list() failed", pcscCode);
  }

  public void failListWith(RuntimeException e) {
    this.listRuntimeFailure = e;
  }

  void signalChange() {
    synchronized (changed) {
      version++;
      changed.notifyAll();
    }
  }

  @Override
  public List<CardTerminal> list(State state) throws CardException {
    if (listFailure != null) {
      throw listFailure;
    }
    if (listRuntimeFailure != null) {
      throw listRuntimeFailure;
    }
    List<CardTerminal> result = new ArrayList<>();
    for (FakeTerminal t : terminals) {
      if (state == State.ALL
          || (state == State.CARD_PRESENT && t.isCardPresent())
          || (state == State.CARD_ABSENT && !t.isCardPresent())) {
        result.add(t);
      }
    }
    return result;
  }

  @Override
  public boolean waitForChange(long timeout) throws CardException {
    if (listFailure != null) {
      throw listFailure;
    }
    long deadline = System.currentTimeMillis() + (timeout == 0 ? Long.MAX_VALUE / 2 : timeout);
    synchronized (changed) {
      while (version == seenVersion) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        try {
          changed.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CardException("interrupted");
        }
      }
      seenVersion = version;
      return true;
    }
  }
}
