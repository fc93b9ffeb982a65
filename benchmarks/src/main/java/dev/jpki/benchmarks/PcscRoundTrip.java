// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.benchmarks.Report.Better;
import dev.jpki.benchmarks.Report.Line;
import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.jspecify.annotations.Nullable;

/**
 * The round trip of one APDU through the real PC/SC stack of this machine, {@code javax.smartcardio} →
 * pcscd → vsmartcard's vpcd → the testkit's {@link VpcdBridge} (docs/testing.md §1), with the virtual card
 * answering (ours) and with a bare echo that returns the card's recorded answer without any card logic
 * (the floor of that path: same bytes on the wire, nothing computed). Two commands: SELECT of the JPKI AP
 * (short answer) and READ BINARY of 256 bytes of the authentication certificate's EF.
 *
 * <p>Not JMH: a JMH fork could not share the card insertion (about 0.1–0.4 s each way) and the reader is
 * one per machine, so this is a measured loop with warm-up in one JVM: both answerers sit behind one
 * bridge (a switch, so the card is inserted once), and blocks of transmits alternate between them; the
 * result is the median block's time per transmit. The machine's pcscd and vpcd are shared by every build
 * on it: {@link #lines(boolean)} runs this class's {@code main} in a child JVM under the machine-wide lock
 * ({@code flock /tmp/jpki-fullbuild.lock}, the one full builds and PC/SC tests hold), and reports the
 * comparison as skipped, with the reason, when pcscd, the reader, {@code flock} or the lock is not
 * available in time.
 *
 * <pre>
 * flock /tmp/jpki-fullbuild.lock java -cp benchmarks/target/benchmarks.jar dev.jpki.benchmarks.PcscRoundTrip quick
 * </pre>
 */
public final class PcscRoundTrip {
  /** vpcd slot used (port 35963). */
  static final int SLOT = 0;

  /** SELECT of the JPKI AP by its AID (docs/card-protocol.md §3), no response data. */
  static final byte[] SELECT_JPKI = hex("00A4040C0AD392F000260100000001");

  /** SELECT of EF 000A, the authentication certificate (readable without a PIN). */
  static final byte[] SELECT_AUTH_CERT = hex("00A4020C02000A");

  /** READ BINARY of 256 bytes at offset 0 (short Le {@code 00}). */
  static final byte[] READ_256 = hex("00B0000000");

  /** Machine-wide lock of pcscd/vpcd users (full builds, PC/SC tests). */
  static final String LOCK = "/tmp/jpki-fullbuild.lock";

  /** Comparison names, in output order. */
  static final List<String> NAMES = List.of("pcsc-select-vs-echo", "pcsc-read-256-vs-echo");

  private PcscRoundTrip() {}

  /** The bare echo: answers whatever reply it was given, whatever the command. */
  static final class Echo implements ApduProcessor {
    private final byte[] atr;
    volatile byte[] reply = {(byte) 0x90, 0x00};

    Echo(byte[] atr) {
      this.atr = atr.clone();
    }

    @Override
    public byte[] process(byte[] command) {
      return reply;
    }

    @Override
    public void reset() {}

    @Override
    public byte[] atr() {
      return atr.clone();
    }
  }

  /** Forwards to the card or to the echo, switchable between transmits. */
  static final class Switch implements ApduProcessor {
    final ApduProcessor card;
    final Echo echo;
    volatile boolean useEcho;

    Switch(ApduProcessor card) {
      this.card = card;
      this.echo = new Echo(card.atr());
    }

    @Override
    public byte[] process(byte[] command) {
      return useEcho ? echo.process(command) : card.process(command);
    }

    @Override
    public void reset() {
      card.reset();
    }

    @Override
    public byte[] atr() {
      return card.atr();
    }
  }

  /**
   * One command's result.
   *
   * @param name comparison name
   * @param cardMicros median microseconds per transmit with the virtual card
   * @param echoMicros median microseconds per transmit with the echo
   * @param transmits transmits timed per answerer
   * @param answer the card's answer (data and SW1 SW2), which the echo returned too
   */
  record Result(String name, double cardMicros, double echoMicros, int transmits, byte[] answer) {}

  /**
   * Loop sizes.
   *
   * @param warmup transmits per answerer before timing
   * @param blocks timed blocks per answerer
   * @param perBlock transmits per block
   */
  record Sizes(int warmup, int blocks, int perBlock) {
    static Sizes of(String mode) {
      return switch (mode) {
        case "full" -> new Sizes(2000, 15, 400);
        case "smoke" -> new Sizes(3, 2, 3);
        default -> new Sizes(500, 7, 200);
      };
    }
  }

  /**
   * Finds the slot's reader through a fresh PC/SC factory (the default one stays empty for the JVM's
   * life if pcscd was down when first asked, docs/testing.md §1.7).
   *
   * @return the reader, or null with the reason in {@code why[0]}
   */
  static @Nullable CardTerminal reader(String[] why) {
    String name = "Virtual PCD 00 0" + SLOT;
    try {
      List<String> names = new ArrayList<>();
      for (CardTerminal t : TerminalFactory.getInstance("PC/SC", null).terminals().list()) {
        if (t.getName().equals(name)) {
          return t;
        }
        names.add(t.getName());
      }
      why[0] = "no reader '" + name + "' among " + names;
    } catch (Exception e) {
      why[0] = "PC/SC not available (pcscd not running?): " + e.getClass().getSimpleName();
    }
    return null;
  }

  /**
   * Inserts the virtual card behind the switch, runs both commands, takes the card out. The caller holds
   * the machine-wide lock.
   *
   * @param reader the slot's reader
   * @param sizes loop sizes
   * @return the two results
   * @throws IOException if vpcd cannot be reached
   * @throws CardException if PC/SC fails
   */
  static List<Result> run(CardTerminal reader, Sizes sizes) throws IOException, CardException {
    // a card another JVM just took out may still show as present for a few hundred ms (docs/testing.md §1.3)
    if (!reader.waitForCardAbsent(10_000)) {
      throw new CardException("slot " + SLOT + " still holds another card: '" + reader.getName() + "' is in use");
    }
    Switch sw = new Switch(Fixtures.persona().newCard());
    VpcdBridge bridge = new VpcdBridge(sw, VpcdBridge.DEFAULT_HOST, VpcdBridge.portForSlot(SLOT)).start();
    try {
      if (!reader.waitForCardPresent(10_000)) {
        throw new CardException("the card did not appear in '" + reader.getName() + "' (another card in slot "
            + SLOT + "?)");
      }
      Card card = reader.connect("*");
      try {
        CardChannel ch = card.getBasicChannel();
        List<Result> out = new ArrayList<>();
        out.add(measure(NAMES.get(0), ch, sw, SELECT_JPKI, sizes));
        // the EF stays selected on the card while the echo answers: reads continue from the same state
        sw.useEcho = false;
        transmit(ch, SELECT_AUTH_CERT);
        out.add(measure(NAMES.get(1), ch, sw, READ_256, sizes));
        return out;
      } finally {
        card.disconnect(false);
      }
    } finally {
      bridge.close();
      reader.waitForCardAbsent(10_000);
    }
  }

  private static byte[] transmit(CardChannel ch, byte[] command) throws CardException {
    return ch.transmit(new CommandAPDU(command)).getBytes();
  }

  static Result measure(String name, CardChannel ch, Switch sw, byte[] command, Sizes sizes) throws CardException {
    sw.useEcho = false;
    byte[] answer = transmit(ch, command);
    if (answer.length < 2 || (answer[answer.length - 2] & 0xFF) != 0x90 || answer[answer.length - 1] != 0) {
      throw new CardException(name + ": the card answered " + String.format(Locale.ROOT, "%02X%02X",
          answer[answer.length - 2], answer[answer.length - 1]));
    }
    sw.echo.reply = answer.clone();
    for (int i = 0; i < sizes.warmup(); i++) {
      sw.useEcho = false;
      transmit(ch, command);
      sw.useEcho = true;
      transmit(ch, command);
    }
    double[] card = new double[sizes.blocks()];
    double[] echo = new double[sizes.blocks()];
    for (int b = 0; b < sizes.blocks(); b++) {
      // alternate which goes first, so that a drift in load does not favour one of them
      boolean echoFirst = b % 2 == 1;
      for (int k = 0; k < 2; k++) {
        boolean useEcho = echoFirst == (k == 0);
        sw.useEcho = useEcho;
        byte[] last = null;
        long t0 = System.nanoTime();
        for (int i = 0; i < sizes.perBlock(); i++) {
          last = transmit(ch, command);
        }
        double micros = (System.nanoTime() - t0) / 1000.0 / sizes.perBlock();
        if (!Arrays.equals(last, answer)) {
          throw new CardException(name + ": " + (useEcho ? "the echo" : "the card") + " answered other bytes");
        }
        (useEcho ? echo : card)[b] = micros;
      }
    }
    return new Result(name, median(card), median(echo), sizes.blocks() * sizes.perBlock(), answer);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /**
   * Measures and prints one line per command ({@code result NAME CARD_MICROS ECHO_MICROS TRANSMITS}), or
   * {@code skip REASON}. Run it under the machine-wide lock.
   *
   * @param args {@code quick} (default) or {@code full}
   * @throws Exception if PC/SC fails after the reader was found
   */
  public static void main(String[] args) throws Exception {
    String[] why = {""};
    CardTerminal reader = reader(why);
    if (reader == null) {
      System.out.println("skip " + why[0]);
      return;
    }
    for (Result r : run(reader, Sizes.of(args.length > 0 ? args[0] : "quick"))) {
      System.out.printf(Locale.ROOT, "result %s %.3f %.3f %d%n", r.name(), r.cardMicros(), r.echoMicros(),
          r.transmits());
    }
  }

  /**
   * Why {@link #lines} reported nothing, or null if it did.
   */
  static volatile @Nullable String skipped;

  /**
   * Runs {@link #main} in a child JVM under the machine-wide lock and turns its output into report lines.
   *
   * @param full full mode (longer loops, waits longer for the lock)
   * @return the lines, or none (then {@link #skipped} says why)
   */
  static List<Line> lines(boolean full) {
    String lock = System.getenv().getOrDefault("JPKI_PCSC_LOCK", LOCK);
    // quick must finish in minutes: it does not wait for a full build to finish
    int waitSeconds = full ? 900 : 30;
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = List.of("flock", "-w", Integer.toString(waitSeconds), "-E", "75", lock, java.toString(),
        "-cp", System.getProperty("java.class.path"), PcscRoundTrip.class.getName(), full ? "full" : "quick");
    String out;
    int rc;
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      p.getOutputStream().close();
      out = readAll(p.getInputStream());
      if (!p.waitFor(waitSeconds + 300L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return skip("the PC/SC measurement did not finish in time");
      }
      rc = p.exitValue();
    } catch (IOException e) {
      return skip("cannot run flock(1) to take the pcscd lock " + lock + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return skip("interrupted");
    }
    if (rc == 75) {
      return skip("the pcscd lock " + lock + " stayed taken for " + waitSeconds + " s (a full build or PC/SC tests "
          + "running)");
    }
    if (rc != 0) {
      return skip("the PC/SC measurement failed (exit " + rc + ")");
    }
    return parse(out);
  }

  private static List<Line> skip(String why) {
    skipped = why;
    return List.of();
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toString(StandardCharsets.UTF_8);
  }

  /**
   * Turns the child's output into lines.
   *
   * @param out what {@link #main} printed
   * @return the lines, or none (then {@link #skipped} says why)
   */
  static List<Line> parse(String out) {
    String section = "PC/SC round trip (javax.smartcardio → pcscd → vpcd → virtual card) vs a bare vpcd echo";
    List<Line> lines = new ArrayList<>();
    for (String l : out.split("\n", -1)) {
      if (l.startsWith("skip ")) {
        return skip(l.substring(5).trim());
      }
      if (!l.startsWith("result ")) {
        continue;
      }
      String[] f = l.trim().split(" ", -1);
      String name = f[1];
      String what = name.equals(NAMES.get(0)) ? "SELECT of the JPKI AP: virtual card vs echo"
          : "READ BINARY of 256 bytes: virtual card vs echo";
      lines.add(new Line(section, name, what, Double.parseDouble(f[2]), Double.parseDouble(f[3]), "µs/op",
          Better.LOWER, null, "median of blocks, " + f[4] + " transmits each; not JMH (one reader per machine)",
          -1, -1));
    }
    if (lines.isEmpty()) {
      return skip("the PC/SC measurement printed no result");
    }
    skipped = null;
    return lines;
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
