// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.pcsc.PcscException.Kind;
import dev.jpki.pcsc.fake.ApduHandler;
import dev.jpki.pcsc.fake.FakeTerminal;
import dev.jpki.pcsc.fake.FakeTerminals;
import dev.jpki.pcsc.fake.Pcsc;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.Test;

class PcscReadersTest {
  private static final ApduHandler CARD = c -> new byte[] {(byte) 0x90, 0x00};

  private final FakeTerminal slot0 = new FakeTerminal("Virtual PCD 00 00");
  private final FakeTerminal slot1 = new FakeTerminal("Virtual PCD 00 01");
  private final FakeTerminal sony = new FakeTerminal("Sony FeliCa Port/PaSoRi 4.0 00 00");
  private final FakeTerminals terminals = new FakeTerminals(slot0, slot1, sony);
  private final PcscReaders readers = PcscReaders.of(terminals);

  @Test
  void names_threeReaders_inPcscOrder() throws Exception {
    assertThat(readers.names()).containsExactly("Virtual PCD 00 00", "Virtual PCD 00 01", "Sony FeliCa Port/PaSoRi 4.0 00 00");
    assertThat(readers.list()).containsExactly(slot0, slot1, sony);
  }

  @Test
  void list_serviceStopped_throwsServiceNotRunningWithFixCommands() {
    terminals.failListWith("SCARD_E_NO_SERVICE");

    PcscException e = catchThrowableOfType(PcscException.class, readers::list);

    assertThat(e.kind()).isEqualTo(Kind.SERVICE_NOT_RUNNING);
    assertThat(e.reason()).isEqualTo(Reason.SERVICE_UNAVAILABLE);
    assertThat(e.getMessage()).contains("start pcscd").contains("systemctl").contains("SCardSvr");
  }

  @Test
  void byName_exactName_returnsIt() throws Exception {
    assertThat(readers.byName("Virtual PCD 00 01")).isSameAs(slot1);
  }

  @Test
  void byName_uniquePartIgnoringCase_returnsIt() throws Exception {
    assertThat(readers.byName("pasori")).isSameAs(sony);
  }

  @Test
  void byName_ambiguousPart_throwsReaderNotFoundListingNames() {
    PcscException e = catchThrowableOfType(PcscException.class, () -> readers.byName("Virtual PCD"));

    assertThat(e.kind()).isEqualTo(Kind.READER_NOT_FOUND);
    assertThat(e.reason()).isEqualTo(Reason.READER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("Several readers match 'Virtual PCD'").contains("'Virtual PCD 00 01'");
  }

  @Test
  void byName_unknown_throwsReaderNotFoundListingNames() {
    PcscException e = catchThrowableOfType(PcscException.class, () -> readers.byName("ACS ACR39U"));

    assertThat(e.kind()).isEqualTo(Kind.READER_NOT_FOUND);
    assertThat(e.getMessage()).contains("No reader named 'ACS ACR39U'").contains("'Virtual PCD 00 00'");
  }

  @Test
  void byName_noReaders_throwsNoReaderWithDriverAdvice() {
    PcscException e = catchThrowableOfType(PcscException.class, () -> PcscReaders.of(new FakeTerminals()).byName("x"));

    assertThat(e.kind()).isEqualTo(Kind.NO_READER);
    assertThat(e.getMessage()).contains("No smart-card reader found").contains("libccid");
  }

  @Test
  void byIndex_inRange_returnsIt() throws Exception {
    assertThat(readers.byIndex(2)).isSameAs(sony);
  }

  @Test
  void byIndex_outOfRange_throwsReaderNotFoundWithRange() {
    PcscException e = catchThrowableOfType(PcscException.class, () -> readers.byIndex(3));

    assertThat(e.kind()).isEqualTo(Kind.READER_NOT_FOUND);
    assertThat(e.getMessage()).contains("No reader at index 3").contains("0..2");
    assertThat(catchThrowableOfType(PcscException.class, () -> readers.byIndex(-1)).kind()).isEqualTo(Kind.READER_NOT_FOUND);
  }

  @Test
  void select_digits_meansIndexOtherwiseName() throws Exception {
    assertThat(readers.select("1")).isSameAs(slot1);
    assertThat(readers.select("PCD 00 00")).isSameAs(slot0);
    assertThat(catchThrowableOfType(PcscException.class, () -> readers.select("99999999999")).kind())
        .isEqualTo(Kind.READER_NOT_FOUND);
  }

  @Test
  void firstWithCard_cardInSecondReader_returnsSecond() throws Exception {
    slot1.insert(CARD);
    sony.insert(CARD);

    assertThat(readers.firstWithCard()).isSameAs(slot1);
  }

  @Test
  void firstWithCard_noCards_throwsNoCardNamingReaders() {
    PcscException e = catchThrowableOfType(PcscException.class, readers::firstWithCard);

    assertThat(e.kind()).isEqualTo(Kind.NO_CARD);
    assertThat(e.reason()).as("an empty reader is not a removal").isEqualTo(Reason.NO_CARD);
    assertThat(e.getMessage()).contains("No card in any reader").contains("'Virtual PCD 00 01'");
  }

  @Test
  void firstWithCard_readerReportsNoSmartcardOnStatus_skipsIt() throws Exception {
    slot0.failPresenceWith(Pcsc.failure("isCardPresent() failed", "SCARD_E_NO_SMARTCARD"));
    slot1.insert(CARD);

    assertThat(readers.firstWithCard()).isSameAs(slot1);
  }

  @Test
  void firstWithCard_readerUnplugged_throwsReaderGone() {
    slot0.failPresenceWith(Pcsc.failure("isCardPresent() failed", "SCARD_E_READER_UNAVAILABLE"));

    PcscException e = catchThrowableOfType(PcscException.class, readers::firstWithCard);

    assertThat(e.kind()).isEqualTo(Kind.READER_GONE);
    assertThat(e.getMessage()).contains("Virtual PCD 00 00");
  }

  @Test
  void waitForCard_cardInsertedLater_returnsThatReader() throws Exception {
    CompletableFuture<CardTerminal> found = CompletableFuture.supplyAsync(() -> {
      try {
        return readers.waitForCard(Duration.ofSeconds(10));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(150);
    assertThat(found).isNotDone();

    sony.insert(CARD);

    assertThat(found.get(5, TimeUnit.SECONDS)).isSameAs(sony);
  }

  @Test
  void waitForCard_readerPluggedInWhileWaiting_found() throws Exception {
    FakeTerminals none = new FakeTerminals();
    PcscReaders empty = PcscReaders.of(none);
    CompletableFuture<CardTerminal> found = CompletableFuture.supplyAsync(() -> {
      try {
        return empty.waitForCard(Duration.ofSeconds(10));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);

    FakeTerminal late = new FakeTerminal("Late reader", CARD);
    none.add(late);

    assertThat(found.get(5, TimeUnit.SECONDS)).isSameAs(late);
  }

  @Test
  void waitForCard_timeout_throwsNoCardAfterTimeout() {
    long start = System.nanoTime();

    PcscException e = catchThrowableOfType(PcscException.class, () -> readers.waitForCard(Duration.ofMillis(300)));

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(e.kind()).isEqualTo(Kind.NO_CARD);
    assertThat(e.getMessage()).contains("within 300 ms");
    assertThat(elapsedMs).isBetween(250L, 5_000L);
  }

  @Test
  void waitForCard_alreadyPresent_returnsAtOnceWithZeroTimeout() throws Exception {
    slot0.insert(CARD);

    assertThat(readers.waitForCard(Duration.ZERO)).isSameAs(slot0);
  }

  @Test
  void waitForCardPresent_zeroTimeout_checksOnceInsteadOfWaitingForever() throws Exception {
    assertThat(PcscReaders.waitForCardPresent(slot0, Duration.ZERO)).isFalse();
    assertThat(slot0.presenceWaits()).isEmpty(); // javax.smartcardio's waitForCardPresent(0) would block forever
  }

  @Test
  void waitForCardPresentAndAbsent_cardComesAndGoes_reportsBoth() throws Exception {
    CompletableFuture.runAsync(() -> {
      sleep(100);
      slot0.insert(CARD);
    });
    assertThat(PcscReaders.waitForCardPresent(slot0, Duration.ofSeconds(5))).isTrue();

    CompletableFuture.runAsync(() -> {
      sleep(100);
      slot0.remove();
    });
    assertThat(PcscReaders.waitForCardAbsent(slot0, Duration.ofSeconds(5))).isTrue();
    assertThat(PcscReaders.waitForCardPresent(slot0, Duration.ofMillis(50))).isFalse();
  }

  @Test
  void waitForCardPresent_negativeTimeout_throwsIllegalArgument() {
    assertThatThrownBy(() -> PcscReaders.waitForCardPresent(slot0, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
