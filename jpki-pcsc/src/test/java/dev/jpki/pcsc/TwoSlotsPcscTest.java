// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static dev.jpki.pcsc.TestCard.SELECT_AUTH_CERT;
import static dev.jpki.pcsc.TestCard.SELECT_JPKI;
import static dev.jpki.pcsc.TestCard.data;
import static dev.jpki.pcsc.TestCard.sw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.pcsc.PcscDiagnostics.JpkiCheck;
import dev.jpki.pcsc.PcscDiagnostics.ReaderStatus;
import dev.jpki.testkit.card.Access;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.CardProfile;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Reader discovery and diagnostics with the two vpcd slots ("Virtual PCD 00 00" / "00 01"). */
@ResourceLock("pcsc-slot-0")
@ResourceLock("pcsc-slot-1")
@Timeout(60)
class TwoSlotsPcscTest {
  static PcscReaders readers;
  static CardTerminal slot0;
  static CardTerminal slot1;

  VpcdBridge bridge0;
  VpcdBridge bridge1;

  @BeforeAll
  static void requirePcscd() throws Exception {
    readers = PcscTestSupport.vpcdOrNull(TwoSlotsPcscTest.class);
    if (readers == null) {
      return; // each test is skipped with the reason (skipWithoutPcscd)
    }
    slot0 = readers.byName(PcscTestSupport.SLOT_0);
    slot1 = readers.byName(PcscTestSupport.SLOT_1);
  }

  @BeforeEach
  void skipWithoutPcscd() {
    PcscTestSupport.assumeVpcd();
  }

  @AfterEach
  void removeCards() throws Exception {
    if (bridge0 != null) {
      PcscTestSupport.remove(bridge0, slot0);
    }
    if (bridge1 != null) {
      PcscTestSupport.remove(bridge1, slot1);
    }
  }

  /** A second card whose EF 000A differs from {@link TestCard#AUTH_CERT}. */
  private static VirtualMyNumberCard otherCard(byte[] cert) {
    CardProfile profile = TestCard.profile().toBuilder().file(Application.JPKI, 0x000A, cert, Access.always()).build();
    return VirtualMyNumberCard.create(profile);
  }

  private static byte[] readAuthCert(PcscTransport t) throws Exception {
    assertThat(sw(t.transceive(SELECT_JPKI))).isEqualTo(0x9000);
    assertThat(sw(t.transceive(SELECT_AUTH_CERT))).isEqualTo(0x9000);
    byte[] r = t.transceive(TestCard.readBinaryExtended(0));
    assertThat(sw(r)).isEqualTo(0x9000);
    return data(r);
  }

  @Test
  void twoCards_twoSlots_eachTransportReadsItsOwnCardInterleaved() throws Exception {
    byte[] otherCert = TestCard.AUTH_CERT.clone();
    otherCert[100] ^= 0x5A;
    bridge0 = PcscTestSupport.insert(TestCard.newCard(), slot0, 0);
    bridge1 = PcscTestSupport.insert(otherCard(otherCert), slot1, 1);

    try (PcscTransport a = PcscTransport.connect(readers.select("0"));
        PcscTransport b = PcscTransport.connect(readers.byName("PCD 00 01"))) {
      assertThat(a.readerName()).isEqualTo(PcscTestSupport.SLOT_0);
      assertThat(b.readerName()).isEqualTo(PcscTestSupport.SLOT_1);
      byte[] fromB = readAuthCert(b);
      byte[] fromA = readAuthCert(a);

      assertThat(fromA).containsExactly(TestCard.AUTH_CERT);
      assertThat(fromB).containsExactly(otherCert);
    }
  }

  @Test
  void firstWithCard_onlySlot1HasCard_picksSlot1() throws Exception {
    bridge1 = PcscTestSupport.insert(TestCard.newCard(), slot1, 1);

    assertThat(readers.firstWithCard().getName()).isEqualTo(PcscTestSupport.SLOT_1);
  }

  @Test
  void waitForCard_cardInsertedIntoSlot1WhileWaiting_returnsSlot1() throws Exception {
    CompletableFuture<CardTerminal> found = CompletableFuture.supplyAsync(() -> {
      try {
        return readers.waitForCard(Duration.ofSeconds(20));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300);
    assertThat(found).isNotDone();

    bridge1 = new VpcdBridge(TestCard.newCard(), VpcdBridge.DEFAULT_HOST, VpcdBridge.portForSlot(1)).start();

    assertThat(found.get(20, TimeUnit.SECONDS).getName()).isEqualTo(PcscTestSupport.SLOT_1);
  }

  @Test
  void waitForCard_noCardInserted_timesOutWithNoCard() {
    PcscException e = org.assertj.core.api.Assertions.catchThrowableOfType(PcscException.class,
        () -> readers.waitForCard(Duration.ofMillis(700)));

    assertThat(e.kind()).isEqualTo(PcscException.Kind.NO_CARD);
  }

  @Test
  void diagnostics_realStack_reportsJpkiCardInSlot0AndEmptySlot1() throws Exception {
    bridge0 = PcscTestSupport.insert(TestCard.newCard(), slot0, 0);

    PcscDiagnostics.Report report = PcscDiagnostics.probe();

    assertThat(report.available()).isTrue();
    assertThat(report.readers()).filteredOn(r -> r.name().equals(PcscTestSupport.SLOT_0)).singleElement()
        .satisfies(r -> {
          assertThat(r.cardPresent()).isTrue();
          assertThat(r.jpki()).isEqualTo(JpkiCheck.ANSWERS);
        });
    assertThat(report.readers()).filteredOn(r -> r.name().equals(PcscTestSupport.SLOT_1)).singleElement()
        .extracting(ReaderStatus::cardPresent).isEqualTo(false);
    // doctor leaves the card without reset; it is still usable right away
    try (PcscTransport t = PcscTransport.connect(slot0)) {
      assertThat(readAuthCert(t)).containsExactly(TestCard.AUTH_CERT);
    }
  }
}
