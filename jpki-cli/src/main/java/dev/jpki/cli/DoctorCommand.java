// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.pcsc.PcscDiagnostics;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import dev.jpki.apdu.TransportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jpki doctor}: the Java version, whether PC/SC works (service reachable, library found), the
 * readers, and per reader whether a card is present and answers the JPKI AP SELECT. Exits 4 with the
 * fix when the PC/SC service is down. {@code jpki doctor --probe} measures instead which APDU sizes the
 * reader and card carry ({@link SizeProbe}) and prints one line to paste into a bug report.
 */
@Command(name = "doctor", description = "Check Java, the PC/SC service, readers and cards.")
final class DoctorCommand implements Runnable {
  /**
   * Where the readers come from; the system's PC/SC service unless a test replaces it (a JVM cannot
   * stop and restart pcscd under itself, docs/testing.md §1.7).
   */
  static volatile PcscDiagnostics.@Nullable ReaderSource readerSource;

  /** Between two sentences of the advice: after a full stop, before the next word. */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=\\.) (?=\\S)");

  @Spec CommandSpec spec;

  @Option(names = "--probe", description = "With a card present (--reader, or --virtual): measure which APDU"
      + " sizes the reader and card carry (no PIN, nothing written) and print one line for a bug report.")
  boolean probe;

  @Override
  public void run() {
    Main main = Main.root(spec);
    if (probe) {
      try {
        probe(main);
      } catch (TransportException e) {
        throw new CliException(ExitCode.CARD, "the probe failed: " + e.getMessage(), e);
      }
      return;
    }
    PcscDiagnostics.Options.Builder options =
        PcscDiagnostics.Options.builder().checkJpki(true).timeout(Duration.ofSeconds(3));
    PcscDiagnostics.ReaderSource source = readerSource;
    if (source != null) {
      options.readerSource(source);
    }
    PcscDiagnostics.Report report = PcscDiagnostics.probe(options.build());
    String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    ObjectNode doc = Output.object();
    doc.put("java", java);
    doc.putObject("pcsc").put("available", report.available()).put("message", report.message());
    ArrayNode readers = doc.putArray("readers");
    StringBuilder text = new StringBuilder();
    text.append("Java:   ").append(java).append('\n');
    text.append("PC/SC:  ").append(report.available() ? "OK" : "NOT AVAILABLE").append('\n');
    // The advice, once, one sentence per line (the library gives it as one paragraph).
    for (String sentence : (Iterable<String>) SENTENCE_END.splitAsStream(report.message())::iterator) {
      text.append("        ").append(sentence).append('\n');
    }
    if (report.available()) {
      text.append("Readers: ").append(report.readers().isEmpty() ? "none" : "").append('\n');
    }
    int i = 0;
    for (PcscDiagnostics.ReaderStatus r : report.readers()) {
      readers.addObject().put("name", r.name()).put("cardPresent", r.cardPresent())
          .put("jpki", r.answersJpki()).put("detail", r.detail());
      text.append("  [").append(i++).append("] ").append(r.name()).append(": ")
          .append(r.cardPresent() ? (r.answersJpki() ? "My Number Card (JPKI AP answers)" : "card present, not a My Number Card")
              : "no card")
          .append(r.detail().isEmpty() || !r.cardPresent() ? "" : " - " + r.detail()).append('\n');
    }
    if (!report.available() || report.readers().isEmpty()) {
      text.append("Without a reader: jpki --virtual demo (or any command with --virtual) uses a virtual card.\n");
    }
    main.output().print(doc, text.toString());
    if (!report.available()) {
      // The advice is in the report (text, or pcsc.message in JSON): not repeated here.
      throw new CliException(ExitCode.CARD,
          "PC/SC is not available (the report says how to fix it); next: fix it as the report says, or try"
              + " without a reader: jpki --virtual demo");
    }
  }

  /** {@code --probe}: one line (or one JSON object) with what the reader and card carry. */
  private static void probe(Main main) throws TransportException {
    CardOpener.Opened opened = CardOpener.openDescribed(main);
    SizeProbe.Result r;
    try (dev.jpki.apdu.CardTransport t = opened.transport()) {
      r = SizeProbe.run(t);
    }
    ObjectNode doc = Output.object();
    doc.put("reader", opened.reader()).put("atr", opened.atr()).put("protocol", opened.protocol())
        .put("shortReads", r.shortReads()).put("certificateLength", r.certificateLength())
        .put("maxResponse", r.maxResponse()).put("extended", r.extended());
    ArrayNode steps = doc.putArray("steps");
    StringBuilder stepText = new StringBuilder();
    for (SizeProbe.Step s : r.steps()) {
      steps.addObject().put("le", s.le()).put("bytes", s.bytes()).put("result", s.result());
      stepText.append(stepText.length() == 0 ? "" : ",").append(s.le()).append(':')
          .append(s.result().replace(' ', '_'));
    }
    String line = "jpki-probe reader=\"" + opened.reader().replace("\"", "'") + "\" atr=" + opened.atr()
        + " protocol=" + opened.protocol().replace(' ', '_') + " shortReads=" + (r.shortReads() ? "ok" : "failed")
        + " maxResponse=" + r.maxResponse() + " extended=" + (r.extended() ? "yes" : "no")
        + " steps=" + (stepText.length() == 0 ? "-" : stepText);
    main.output().print(doc, line + "\n");
  }
}
