// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import dev.jpki.Jpki;
import dev.jpki.apdu.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.smartcardio.CardTerminal;
import org.jspecify.annotations.Nullable;

/**
 * A health check of the PC/SC stack for {@code jpki doctor}: is the service reachable, which readers
 * are connected, which hold a card, and does that card answer a SELECT of the JPKI AP.
 *
 * <pre>{@code
 * PcscDiagnostics.Report report = PcscDiagnostics.probe();
 * if (!report.available()) System.err.println(report.message());   // includes fix commands
 * for (PcscDiagnostics.ReaderStatus r : report.readers()) System.out.println(r.name() + " " + r.jpki());
 * }</pre>
 *
 * <p>{@link #probe()} never throws and never hangs: the work runs on a daemon thread and whatever is
 * known when the timeout expires is reported.
 *
 * <p>The JPKI check connects in shared mode and disconnects without reset, but its SELECT does change
 * the card's selected application, which may end another program's verified state on the card (docs/card-protocol.md
 * §5.3). Run it when no other program is in the middle of a card operation, or turn it off with
 * {@link Options.Builder#checkJpki(boolean)}.
 */
public final class PcscDiagnostics {
  /** Short APDUs only (the probe is one SELECT), no reset on close. */
  private static final PcscTransport.Options PROBE_OPTIONS = PcscTransport.Options.builder()
      .extendedLength(dev.jpki.apdu.ExtendedLength.NEVER).resetOnClose(false).build();

  private PcscDiagnostics() {}

  /** Where the probe gets its readers from; {@link PcscReaders#system()} unless a test says otherwise. */
  @FunctionalInterface
  public interface ReaderSource {
    /**
     * Opens the readers.
     *
     * @return the readers
     * @throws PcscException if PC/SC is not available
     */
    PcscReaders open() throws PcscException;
  }

  /** The outcome of asking a card for the JPKI AP. */
  public enum JpkiCheck {
    /** Not asked: no card, or the check was turned off. */
    NOT_CHECKED,
    /** SELECT of the JPKI AP answered {@code 9000}: a My Number Card (or a JPKI smartphone token). */
    ANSWERS,
    /** The card answered with another status word: not a My Number Card. */
    NOT_JPKI,
    /** The exchange failed (card busy with another program, removed, timed out...). */
    FAILED
  }

  /**
   * One reader's state.
   *
   * @param name the reader name as PC/SC reports it
   * @param cardPresent whether a card was in the reader
   * @param jpki what a SELECT of the JPKI AP gave
   * @param detail a short human explanation (status word, error and what to do), or empty
   */
  public record ReaderStatus(String name, boolean cardPresent, JpkiCheck jpki, String detail) {
    /**
     * Validates the fields.
     *
     * @param name the reader name
     * @param cardPresent whether a card is present
     * @param jpki the check result
     * @param detail the explanation
     */
    public ReaderStatus {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(jpki, "jpki");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * Whether the card answered the JPKI AP SELECT with {@code 9000} (the CLI's {@code "jpki"} field).
     *
     * @return true for {@link JpkiCheck#ANSWERS}
     */
    public boolean answersJpki() {
      return jpki == JpkiCheck.ANSWERS;
    }
  }

  /**
   * The result of {@link #probe()}.
   *
   * @param available whether the PC/SC service could be used
   * @param message a one-paragraph summary; when something is wrong, what to do (with commands)
   * @param readers the readers found, in PC/SC order
   */
  public record Report(boolean available, String message, List<ReaderStatus> readers) {
    /**
     * Copies the reader list.
     *
     * @param available whether PC/SC is usable
     * @param message the summary
     * @param readers the readers
     */
    public Report {
      Objects.requireNonNull(message, "message");
      readers = Collections.unmodifiableList(new ArrayList<>(readers));
    }
  }

  /** Probe options; build with {@link #builder()}. */
  public static final class Options {
    private final boolean checkJpki;
    private final Duration timeout;
    private final ReaderSource readerSource;

    private Options(Builder b) {
      this.checkJpki = b.checkJpki;
      this.timeout = b.timeout;
      this.readerSource = b.readerSource;
    }

    /**
     * A builder with the defaults: check JPKI, 10 s timeout, system readers.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Whether cards are asked for the JPKI AP.
     *
     * @return true to send the SELECT
     */
    boolean checkJpki() {
      return checkJpki;
    }

    /**
     * The longest the whole probe may take.
     *
     * @return the timeout
     */
    Duration timeout() {
      return timeout;
    }

    /** Builds {@link Options}. */
    public static final class Builder {
      private boolean checkJpki = true;
      private Duration timeout = Duration.ofSeconds(10);
      private ReaderSource readerSource = PcscReaders::system;

      private Builder() {}

      /**
       * Whether to SELECT the JPKI AP on each card found (default true). The probe connects in shared
       * mode and leaves the card without reset, so programs using the card are not disturbed.
       *
       * @param checkJpki true to check
       * @return this builder
       */
      public Builder checkJpki(boolean checkJpki) {
        this.checkJpki = checkJpki;
        return this;
      }

      /**
       * The longest the whole probe may take (default 10 s).
       *
       * @param timeout a positive duration
       * @return this builder
       * @throws IllegalArgumentException if not positive
       */
      public Builder timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
          throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return this;
      }

      /**
       * Where the readers come from (default {@link PcscReaders#system()}).
       *
       * @param readerSource the source
       * @return this builder
       */
      public Builder readerSource(ReaderSource readerSource) {
        this.readerSource = Objects.requireNonNull(readerSource, "readerSource");
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

  /**
   * Probes the system's PC/SC stack with the default options. Never throws; returns within about
   * 10 seconds.
   *
   * @return the report
   */
  public static Report probe() {
    return probe(Options.builder().build());
  }

  /**
   * Probes PC/SC. Never throws; returns within the options' timeout (plus a few milliseconds).
   *
   * @param options what to check and how long to take
   * @return the report; on timeout, what was learned so far and a message saying PC/SC hung
   */
  public static Report probe(Options options) {
    Objects.requireNonNull(options, "options");
    Progress progress = new Progress();
    Thread worker = new Thread(() -> run(options, progress), "jpki-pcsc-diagnostics");
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(PcscReaders.saturatedMillis(options.timeout()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return progress.report("The PC/SC check was interrupted.");
    }
    if (worker.isAlive()) {
      // Snapshot first: once interrupted, the worker may still finish and must not change the report.
      Report report = progress.report(
          "PC/SC did not answer within " + options.timeout().toMillis() + " ms (a reader or pcscd is"
              + " stuck). Unplug and replug the reader; on Linux restart pcscd (sudo systemctl restart"
              + " pcscd) and then restart this program.");
      worker.interrupt();
      return report;
    }
    return progress.report(null);
  }

  private static void run(Options options, Progress progress) {
    try {
      PcscReaders readers;
      try {
        readers = options.readerSource.open();
      } catch (PcscException e) {
        progress.finish(false, e.getMessage());
        return;
      }
      List<CardTerminal> terminals;
      try {
        terminals = readers.list();
      } catch (PcscException e) {
        progress.finish(false, e.getMessage());
        return;
      }
      progress.serviceUp();
      if (terminals.isEmpty()) {
        progress.finish(true, "PC/SC is running, but " + PcscErrors.NO_READER_FIX);
        return;
      }
      for (CardTerminal t : terminals) {
        progress.add(check(t, options.checkJpki));
      }
      progress.finish(true, summary(progress.readersSoFar()));
    } catch (RuntimeException | LinkageError e) {
      // Never let a platform surprise escape the probe (e.g. java.smartcardio missing from a jlink image).
      progress.finish(false, PcscErrors.map("checking PC/SC", e).getMessage());
    }
  }

  private static ReaderStatus check(CardTerminal t, boolean checkJpki) {
    String name = t.getName();
    boolean present;
    try {
      present = PcscReaders.isCardPresent(t);
    } catch (PcscException e) {
      return new ReaderStatus(name, false, JpkiCheck.FAILED, e.getMessage());
    }
    if (!present) {
      return new ReaderStatus(name, false, JpkiCheck.NOT_CHECKED, "no card");
    }
    if (!checkJpki) {
      return new ReaderStatus(name, true, JpkiCheck.NOT_CHECKED, "card present");
    }
    if (PcscTransport.isOpenOn(name)) {
      // Connecting would share, and disconnecting would end, this program's own session (SunPCSC).
      return new ReaderStatus(name, true, JpkiCheck.NOT_CHECKED, "card in use by this program");
    }
    // Shared mode, and leave the card as it is on disconnect: a doctor run must not disturb another
    // program's session on this card.
    try (PcscTransport transport = PcscTransport.connect(t, PROBE_OPTIONS)) {
      if (Jpki.isMyNumberCard(transport)) {
        return new ReaderStatus(name, true, JpkiCheck.ANSWERS, "JPKI AP answers SELECT (9000)");
      }
      return new ReaderStatus(name, true, JpkiCheck.NOT_JPKI, "the card refused a SELECT of the JPKI AP: not a My Number Card");
    } catch (TransportException | RuntimeException e) {
      return new ReaderStatus(name, true, JpkiCheck.FAILED, PcscErrors.map("selecting the JPKI AP in '" + name + "'", e).getMessage());
    }
  }

  private static String summary(List<ReaderStatus> readers) {
    int cards = 0;
    int jpki = 0;
    for (ReaderStatus r : readers) {
      cards += r.cardPresent() ? 1 : 0;
      jpki += r.answersJpki() ? 1 : 0;
    }
    return "PC/SC is running: " + readers.size() + (readers.size() == 1 ? " reader, " : " readers, ")
        + cards + (cards == 1 ? " card" : " cards") + ", " + jpki + " answering the JPKI AP.";
  }

  /** What the worker has learned so far; read by the caller when the worker finishes or times out. */
  private static final class Progress {
    private final List<ReaderStatus> readers = new ArrayList<>();
    private boolean serviceUp;
    private boolean done;
    private boolean available;
    private String message = "";

    synchronized void serviceUp() {
      serviceUp = true;
    }

    synchronized void add(ReaderStatus status) {
      readers.add(status);
    }

    synchronized List<ReaderStatus> readersSoFar() {
      return new ArrayList<>(readers);
    }

    synchronized void finish(boolean available, String message) {
      this.available = available;
      this.message = message;
      this.done = true;
    }

    synchronized Report report(@Nullable String unfinishedMessage) {
      if (done) {
        return new Report(available, message, readers);
      }
      return new Report(serviceUp, unfinishedMessage == null ? "The PC/SC check did not finish." : unfinishedMessage, readers);
    }
  }
}
