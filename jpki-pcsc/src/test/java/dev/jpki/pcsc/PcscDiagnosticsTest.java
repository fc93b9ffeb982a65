// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.pcsc.PcscDiagnostics.JpkiCheck;
import dev.jpki.pcsc.PcscDiagnostics.Options;
import dev.jpki.pcsc.PcscDiagnostics.ReaderStatus;
import dev.jpki.pcsc.PcscDiagnostics.Report;
import dev.jpki.pcsc.PcscException.Kind;
import dev.jpki.pcsc.fake.FakeTerminal;
import dev.jpki.pcsc.fake.FakeTerminals;
import dev.jpki.pcsc.fake.Pcsc;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PcscDiagnosticsTest {
  private static final byte[] SELECT_JPKI = HexFormat.of().parseHex("00A4040C0AD392F000260100000001");

  private static Report probe(FakeTerminals terminals) {
    return PcscDiagnostics.probe(Options.builder().readerSource(() -> PcscReaders.of(terminals)).build());
  }

  @Test
  void probe_serviceNotRunning_unavailableWithFixCommands() {
    Report report = PcscDiagnostics.probe(Options.builder()
        .readerSource(() -> {
          throw PcscErrors.map("opening the PC/SC service", Pcsc.failure("x", "SCARD_E_NO_SERVICE"));
        })
        .build());

    assertThat(report.available()).isFalse();
    assertThat(report.message()).startsWith("PC/SC service not running (start pcscd)").contains("systemctl");
    assertThat(report.readers()).isEmpty();
  }

  @Test
  void probe_listFailsWithNoService_unavailable() {
    FakeTerminals terminals = new FakeTerminals(new FakeTerminal("R"));
    terminals.failListWith("SCARD_E_NO_SERVICE");

    Report report = probe(terminals);

    assertThat(report.available()).isFalse();
    assertThat(report.message()).contains("start pcscd");
  }

  @Test
  void probe_noReaders_availableWithReaderAdvice() {
    Report report = probe(new FakeTerminals());

    assertThat(report.available()).isTrue();
    assertThat(report.message()).contains("PC/SC is running").contains("No smart-card reader found");
    assertThat(report.readers()).isEmpty();
  }

  @Test
  void probe_jpkiCardEmptyReaderAndOtherCard_reportsEachAndLeavesCardsUnreset() {
    FakeTerminal jpki = new FakeTerminal("Virtual PCD 00 00",
        c -> java.util.Arrays.equals(c, SELECT_JPKI) ? new byte[] {(byte) 0x90, 0x00} : new byte[] {0x6D, 0x00});
    FakeTerminal empty = new FakeTerminal("Virtual PCD 00 01");
    FakeTerminal other = new FakeTerminal("ACS ACR39U", c -> new byte[] {0x6A, (byte) 0x82});

    Report report = probe(new FakeTerminals(jpki, empty, other));

    assertThat(report.available()).isTrue();
    assertThat(report.readers()).extracting(ReaderStatus::name, ReaderStatus::cardPresent, ReaderStatus::jpki)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Virtual PCD 00 00", true, JpkiCheck.ANSWERS),
            org.assertj.core.groups.Tuple.tuple("Virtual PCD 00 01", false, JpkiCheck.NOT_CHECKED),
            org.assertj.core.groups.Tuple.tuple("ACS ACR39U", true, JpkiCheck.NOT_JPKI));
    assertThat(report.readers().get(0).answersJpki()).isTrue();
    assertThat(report.readers().get(2).answersJpki()).isFalse();
    assertThat(report.readers().get(2).detail()).contains("not a My Number Card");
    assertThat(report.message()).isEqualTo("PC/SC is running: 3 readers, 2 cards, 1 answering the JPKI AP.");
    assertThat(jpki.lastConnection().commands()).singleElement().satisfies(c -> assertThat(c).containsExactly(SELECT_JPKI));
    assertThat(jpki.lastConnection().events()).containsExactly("disconnect(leave)");
    assertThat(empty.connections()).isEmpty();
  }

  @Test
  void probe_cardHeldByAnotherProgram_failedWithAdvice() {
    FakeTerminal busy = new FakeTerminal("R", c -> new byte[] {(byte) 0x90, 0x00});
    busy.failNextConnect(Pcsc.failure("connect() failed", "SCARD_E_SHARING_VIOLATION"));

    Report report = probe(new FakeTerminals(busy));

    assertThat(report.available()).isTrue();
    assertThat(report.readers()).singleElement().satisfies(r -> {
      assertThat(r.jpki()).isEqualTo(JpkiCheck.FAILED);
      assertThat(r.detail()).contains("Another program is using the card");
    });
  }

  @Test
  @SuppressWarnings("try") // a resource held open for its effect on the card/reader, not used
  void probe_readerInUseByThisProgram_leftAlone() throws Exception {
    FakeTerminal reader = new FakeTerminal("Busy here", c -> new byte[] {(byte) 0x90, 0x00});
    try (PcscTransport session = PcscTransport.connect(reader,
        PcscTransport.Options.builder().extendedLength(dev.jpki.apdu.ExtendedLength.NEVER).build())) {
      Report report = probe(new FakeTerminals(reader));

      assertThat(report.readers()).singleElement().satisfies(r -> {
        assertThat(r.jpki()).isEqualTo(JpkiCheck.NOT_CHECKED);
        assertThat(r.detail()).contains("in use by this program");
      });
      assertThat(reader.connections()).hasSize(1);
      assertThat(reader.lastConnection().events()).isEmpty();
    }
  }

  @Test
  void probe_checkJpkiOff_neverConnects() {
    FakeTerminal reader = new FakeTerminal("R", c -> new byte[] {(byte) 0x90, 0x00});

    Report report = PcscDiagnostics.probe(Options.builder()
        .checkJpki(false)
        .readerSource(() -> PcscReaders.of(new FakeTerminals(reader)))
        .build());

    assertThat(report.readers()).singleElement().satisfies(r -> {
      assertThat(r.cardPresent()).isTrue();
      assertThat(r.jpki()).isEqualTo(JpkiCheck.NOT_CHECKED);
    });
    assertThat(reader.connections()).isEmpty();
  }

  @Test
  void probe_cardNeverAnswers_returnsWithinTimeoutWithPartialReport() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    FakeTerminal fine = new FakeTerminal("Fine", c -> new byte[] {(byte) 0x90, 0x00});
    FakeTerminal stuck = new FakeTerminal("Stuck", c -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new byte[] {(byte) 0x90, 0x00};
    });
    long start = System.nanoTime();

    Report report = PcscDiagnostics.probe(Options.builder()
        .timeout(Duration.ofMillis(500))
        .readerSource(() -> PcscReaders.of(new FakeTerminals(fine, stuck)))
        .build());

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isLessThan(3_000);
    assertThat(report.available()).isTrue();
    assertThat(report.message()).contains("did not answer within 500 ms");
    assertThat(report.readers()).extracting(ReaderStatus::name).containsExactly("Fine");
  }

  @Test
  void probe_unexpectedRuntimeException_neverThrows() {
    FakeTerminals terminals = new FakeTerminals(new FakeTerminal("R"));
    terminals.failListWith(new IllegalStateException("native crash"));

    Report report = probe(terminals);

    assertThat(report.available()).isFalse();
    assertThat(report.message()).contains("native crash");
  }

  @Test
  void report_readers_areImmutableCopies() {
    java.util.List<ReaderStatus> list = new java.util.ArrayList<>();
    list.add(new ReaderStatus("R", false, JpkiCheck.NOT_CHECKED, ""));
    Report report = new Report(true, "m", list);
    list.clear();

    assertThat(report.readers()).hasSize(1);
    assertThatThrownBy(() -> report.readers().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void options_nonPositiveTimeout_throwsIllegalArgument() {
    assertThatThrownBy(() -> Options.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kinds_eachMapsToOneReason() {
    assertThat(Kind.LIBRARY_NOT_FOUND.reason()).isEqualTo(dev.jpki.apdu.TransportException.Reason.SERVICE_UNAVAILABLE);
    assertThat(Kind.NO_READER.reason()).isEqualTo(dev.jpki.apdu.TransportException.Reason.READER_UNAVAILABLE);
  }
}
