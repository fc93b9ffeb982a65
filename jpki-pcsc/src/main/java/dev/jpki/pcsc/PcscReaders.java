// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import dev.jpki.Jpki;
import dev.jpki.JpkiException;
import dev.jpki.pcsc.PcscException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PC/SC readers of this machine: list them, pick one by name, index, or "the first with a card",
 * and wait for a card to be inserted or removed.
 *
 * <pre>{@code
 * PcscReaders readers = PcscReaders.system();
 * CardTerminal reader = readers.waitForCard(Duration.ofSeconds(30));
 * try (PcscTransport transport = PcscTransport.connect(reader)) { ... }
 *
 * X509Certificate cert = readers.withFirstCard(card -> card.jpki().authCertificate()); // loan form
 * }</pre>
 *
 * <p>An empty reader list is not proof that PC/SC works: {@link #system()} uses
 * {@code TerminalFactory.getInstance("PC/SC", null)} rather than {@code TerminalFactory.getDefault()},
 * because the latter caches an empty "None" factory for the JVM's whole life when pcscd was not yet
 * running on first use (docs/testing.md §1.7).
 *
 * <p>Thread safety: the methods may be called from any thread; blocking ones say so.
 */
public final class PcscReaders {
  private static final Logger log = LoggerFactory.getLogger(PcscReaders.class);

  /** Longest single {@code waitForChange} slice, so readers plugged in meanwhile are noticed. */
  private static final long WAIT_SLICE_MILLIS = 500;

  private final CardTerminals terminals;

  private PcscReaders(CardTerminals terminals) {
    this.terminals = terminals;
  }

  /**
   * The system's PC/SC readers through SunPCSC.
   *
   * @return the readers
   * @throws PcscException {@link Kind#SERVICE_NOT_RUNNING} when pcscd (or the Windows "Smart Card"
   *     service) is not running, {@link Kind#LIBRARY_NOT_FOUND} when Java cannot load libpcsclite;
   *     the message carries the commands that fix it
   */
  public static PcscReaders system() throws PcscException {
    try {
      // Not getDefault(): it would cache an empty "None" factory if pcscd started late (docs/testing.md §1.7).
      TerminalFactory factory = TerminalFactory.getInstance("PC/SC", null);
      return new PcscReaders(factory.terminals());
    } catch (Exception | LinkageError e) {
      throw PcscErrors.map("opening the PC/SC service", e);
    }
  }

  /**
   * Readers from a caller-supplied {@link CardTerminals}, e.g. another provider's factory or a test
   * fake.
   *
   * @param terminals the terminals to use
   * @return the readers
   */
  public static PcscReaders of(CardTerminals terminals) {
    return new PcscReaders(Objects.requireNonNull(terminals, "terminals"));
  }

  /**
   * The underlying {@code javax.smartcardio} terminals.
   *
   * @return the terminals
   */
  CardTerminals terminals() {
    return terminals;
  }

  /**
   * All connected readers, in the order PC/SC reports them (the order {@code byIndex()} uses).
   *
   * @return the readers, possibly empty
   * @throws PcscException if the PC/SC service is gone
   */
  List<CardTerminal> list() throws PcscException {
    try {
      return Collections.unmodifiableList(new ArrayList<>(terminals.list()));
    } catch (CardException | RuntimeException e) {
      throw PcscErrors.map("listing readers", e);
    }
  }

  /**
   * The names of all connected readers. Reader names are not personal data.
   *
   * @return the names, possibly empty
   * @throws PcscException if the PC/SC service is gone
   */
  public List<String> names() throws PcscException {
    List<String> names = new ArrayList<>();
    for (CardTerminal t : list()) {
      names.add(t.getName());
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * The reader with this exact name, or else the only reader whose name contains {@code name}
   * (ignoring case).
   *
   * @param name a full reader name such as {@code "Virtual PCD 00 01"}, or a unique part of it
   * @return the reader
   * @throws PcscException {@link Kind#NO_READER} if no reader is connected,
   *     {@link Kind#READER_NOT_FOUND} if none or several match (the message lists the names)
   */
  public CardTerminal byName(String name) throws PcscException {
    Objects.requireNonNull(name, "name");
    List<CardTerminal> all = nonEmptyList();
    for (CardTerminal t : all) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    List<CardTerminal> matches = new ArrayList<>();
    String wanted = name.toLowerCase(Locale.ROOT);
    for (CardTerminal t : all) {
      if (t.getName().toLowerCase(Locale.ROOT).contains(wanted)) {
        matches.add(t);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String problem = matches.isEmpty() ? "No reader named '" : "Several readers match '";
    throw new PcscException(
        Kind.READER_NOT_FOUND,
        null,
        problem + name + "'. Connected readers: " + namesOf(all) + ". Pass the full name or its index.",
        null);
  }

  /**
   * The reader at this position of {@code list()}.
   *
   * @param index 0-based position
   * @return the reader
   * @throws PcscException {@link Kind#NO_READER} if no reader is connected,
   *     {@link Kind#READER_NOT_FOUND} if the index is out of range
   */
  CardTerminal byIndex(int index) throws PcscException {
    List<CardTerminal> all = nonEmptyList();
    if (index < 0 || index >= all.size()) {
      throw new PcscException(
          Kind.READER_NOT_FOUND,
          null,
          "No reader at index " + index + "; " + all.size() + " connected (0.." + (all.size() - 1)
              + "): " + namesOf(all) + ".",
          null);
    }
    return all.get(index);
  }

  /**
   * Picks a reader the way the CLI's {@code --reader NAME|INDEX} does: all digits mean an index,
   * anything else a name ({@link #byName}). Indexes count from 0 in the order of {@link #names()}.
   *
   * @param nameOrIndex a reader name, a unique part of one, or a 0-based index
   * @return the reader
   * @throws PcscException as {@link #byName}; {@link Kind#READER_NOT_FOUND} for an index out of range
   */
  public CardTerminal select(String nameOrIndex) throws PcscException {
    Objects.requireNonNull(nameOrIndex, "nameOrIndex");
    if (!nameOrIndex.isEmpty() && nameOrIndex.length() < 10 && nameOrIndex.chars().allMatch(Character::isDigit)) {
      return byIndex(Integer.parseInt(nameOrIndex));
    }
    return byName(nameOrIndex);
  }

  /**
   * The first reader (in {@link #names()} order) that has a card, without waiting.
   *
   * @return the reader
   * @throws PcscException {@link Kind#NO_READER} if no reader is connected, {@link Kind#NO_CARD} if
   *     none has a card
   */
  public CardTerminal firstWithCard() throws PcscException {
    List<CardTerminal> all = nonEmptyList();
    for (CardTerminal t : all) {
      if (isCardPresent(t)) {
        return t;
      }
    }
    throw new PcscException(
        Kind.NO_CARD, null, "No card in any reader (" + namesOf(all) + "). " + PcscErrors.insertCard(), null);
  }

  /**
   * Runs card work in a session on the first reader that has a card (without waiting), and closes the
   * session whatever happens: the loan form of {@link #firstWithCard()}, {@link
   * PcscTransport#connect(CardTerminal)} (default options) and {@link Jpki#with}. Closing disconnects
   * as {@link PcscTransport#close()} does: the card is left as it is, so other programs using it are
   * not logged out; connect yourself with {@code Options.builder().resetOnClose(true)} when a verified
   * PIN must not outlive the work. Blocking.
   *
   * <pre>{@code
   * X509Certificate cert = PcscReaders.system().withFirstCard(card -> card.jpki().authCertificate());
   * }</pre>
   *
   * @param work what to do with the card; do not keep the card after returning
   * @param <T> the result type
   * @return what {@code work} returned
   * @throws PcscException {@link Kind#NO_READER} or {@link Kind#NO_CARD} if there is no card to use,
   *     or the connection's failure ({@link Kind#SHARING_VIOLATION}, ...); the work did not run
   * @throws JpkiException whatever the work threw ({@link dev.jpki.card.PinException}, ...)
   */
  public <T> T withFirstCard(Jpki.CardFunction<T> work) throws JpkiException {
    Objects.requireNonNull(work, "work");
    return Jpki.with(PcscTransport.connect(firstWithCard()), work);
  }

  /**
   * Like {@link #withFirstCard(Jpki.CardFunction)}, but waits up to {@code timeout} for a card to be
   * inserted ({@link #waitForCard(Duration)}).
   *
   * @param timeout how long to wait for a card; zero checks once
   * @param work what to do with the card; do not keep the card after returning
   * @param <T> the result type
   * @return what {@code work} returned
   * @throws PcscException {@link Kind#NO_CARD} on timeout, or the connection's failure; the work did
   *     not run
   * @throws JpkiException whatever the work threw
   * @throws InterruptedException if the thread is interrupted while waiting for a card
   */
  public <T> T withFirstCard(Duration timeout, Jpki.CardFunction<T> work)
      throws JpkiException, InterruptedException {
    Objects.requireNonNull(work, "work");
    return Jpki.with(PcscTransport.connect(waitForCard(timeout)), work);
  }

  /**
   * Waits until any reader has a card and returns the first such reader. Blocks up to
   * {@code timeout}; returns at once if a card is already present. Readers plugged in while waiting
   * are included.
   *
   * @param timeout how long to wait; zero checks once
   * @return the reader with a card
   * @throws PcscException {@link Kind#NO_CARD} on timeout (with {@link Kind#NO_READER}'s advice if
   *     no reader is connected), or if the PC/SC service is gone
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public CardTerminal waitForCard(Duration timeout) throws PcscException, InterruptedException {
    long deadline = deadline(timeout);
    while (true) {
      List<CardTerminal> all = list();
      for (CardTerminal t : all) {
        if (isCardPresent(t)) {
          return t;
        }
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        String where = all.isEmpty() ? PcscErrors.NO_READER_FIX : "Readers: " + namesOf(all) + ".";
        throw new PcscException(
            Kind.NO_CARD,
            null,
            "No card was inserted within " + timeout.toMillis() + " ms. " + where + " " + PcscErrors.insertCard(),
            null);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("waiting for a card");
      }
      long slice = Math.max(1, Math.min(WAIT_SLICE_MILLIS, remaining / 1_000_000));
      try {
        if (all.isEmpty()) {
          // waitForChange on zero readers returns at once on some platforms: sleep instead.
          Thread.sleep(slice);
        } else {
          terminals.waitForChange(slice);
        }
      } catch (CardException | RuntimeException e) {
        throw PcscErrors.map("waiting for a card", e);
      }
    }
  }

  /**
   * Waits until a card is in this reader. Blocks up to {@code timeout}.
   *
   * @param reader the reader
   * @param timeout how long to wait; zero checks once without waiting
   * @return true if a card is present, false on timeout
   * @throws PcscException if the reader or the PC/SC service is gone
   */
  public static boolean waitForCardPresent(CardTerminal reader, Duration timeout) throws PcscException {
    return waitFor(reader, timeout, true);
  }

  /**
   * Waits until this reader has no card. Blocks up to {@code timeout}.
   *
   * @param reader the reader
   * @param timeout how long to wait; zero checks once without waiting
   * @return true if the card is gone, false on timeout
   * @throws PcscException if the reader or the PC/SC service is gone
   */
  public static boolean waitForCardAbsent(CardTerminal reader, Duration timeout) throws PcscException {
    return waitFor(reader, timeout, false);
  }

  private static boolean waitFor(CardTerminal reader, Duration timeout, boolean present)
      throws PcscException {
    long millis = saturatedMillis(checkTimeout(timeout));
    String what = (present ? "waiting for a card in '" : "waiting for the card to leave '") + reader.getName() + "'";
    try {
      if (millis == 0) {
        // javax.smartcardio treats a 0 timeout as "wait forever": check once instead.
        return reader.isCardPresent() == present;
      }
      return present ? reader.waitForCardPresent(millis) : reader.waitForCardAbsent(millis);
    } catch (CardException | RuntimeException e) {
      throw PcscErrors.map(what, e);
    }
  }

  static boolean isCardPresent(CardTerminal t) throws PcscException {
    try {
      return t.isCardPresent();
    } catch (CardException | RuntimeException e) {
      // A reader unplugged between list() and here is reported as gone, not "no card".
      PcscException mapped = PcscErrors.map("checking reader '" + t.getName() + "'", e);
      if (mapped.kind() == Kind.CARD_REMOVED) {
        log.debug("Reader '{}' reports no card: {}", t.getName(), mapped.pcscCode().orElse("-"));
        return false;
      }
      throw mapped;
    }
  }

  private List<CardTerminal> nonEmptyList() throws PcscException {
    List<CardTerminal> all = list();
    if (all.isEmpty()) {
      throw new PcscException(Kind.NO_READER, null, PcscErrors.NO_READER_FIX, null);
    }
    return all;
  }

  private static long deadline(Duration timeout) {
    long nanos;
    try {
      nanos = checkTimeout(timeout).toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE / 4;
    }
    return System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
  }

  static long saturatedMillis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Duration checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    return timeout;
  }

  static String namesOf(List<CardTerminal> terminals) {
    List<String> names = new ArrayList<>();
    for (CardTerminal t : terminals) {
      names.add("'" + t.getName() + "'");
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
