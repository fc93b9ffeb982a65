// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

import static dev.jpki.testkit.card.TestCards.ascii;
import static dev.jpki.testkit.card.TestCards.hex;
import static dev.jpki.testkit.card.TestCards.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.TestCards;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualCardTransportTest {
  static final byte[] SELECT_JPKI = hex("00A4040C0AD392F000260100000001");
  static final byte[] SELECT_AUTH_CERT = hex("00A4020C02000A");
  static final byte[] SELECT_AUTH_PIN = hex("00A4020C020018");
  static final byte[] VERIFY_AUTH_PIN = hex("0020008004" + hex(ascii(TestCards.AUTH_PIN)));
  static final byte[] VERIFY_WRONG = hex("002000800430303030");
  static final byte[] READ_EXTENDED = hex("00B00000000000");

  VirtualMyNumberCard card;

  @BeforeEach
  void setUp() {
    card = TestCards.card();
  }

  @Test
  void transceive_defaultTransport_passesBytesThroughAndCounts() throws Exception {
    try (VirtualCardTransport t = card.transport()) {
      assertThat(t.capabilities().extendedLength()).isTrue();
      assertThat(t.capabilities().maxResponseLength()).isEqualTo(65538);
      assertThat(hex(t.transceive(SELECT_JPKI))).isEqualTo("9000");
      t.transceive(SELECT_AUTH_CERT);
      byte[] r = t.transceive(READ_EXTENDED);
      assertThat(r).hasSize(TestCards.AUTH_CERT.length + 2);
      assertThat(t.apduCount()).isEqualTo(3);
      assertThat(t.simulatedTime()).isEqualTo(Duration.ZERO);
    }
  }

  @Test
  void transceive_shortOnlyTransportWithExtendedApdu_failsLengthLimitWithoutReachingCard()
      throws Exception {
    VirtualCardTransport t = VirtualCardTransport.builder(card)
        .capabilities(TransportCapabilities.shortOnly()).build();
    t.transceive(SELECT_JPKI);
    t.transceive(SELECT_AUTH_CERT);
    assertThatThrownBy(() -> t.transceive(READ_EXTENDED)).isInstanceOf(TransportException.class)
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(Reason.LENGTH_LIMIT);
    assertThat(t.apduCount()).isEqualTo(2);
    assertThat(sw(t.transceive(hex("00B0000000")))).isEqualTo(0x9000); // short still works
  }

  @Test
  void transceive_responseAboveMaximum_failsLengthLimit() throws Exception {
    // javax.smartcardio-like cap of 8192 bytes (docs/testing.md §1.6)
    VirtualCardTransport t = VirtualCardTransport.builder(card)
        .capabilities(TransportCapabilities.extended(65535, 8192)).build();
    t.transceive(hex("00A4040C0AD3921000310001010402"));
    t.transceive(hex("00A4020C020013"));
    assertThat(sw(t.transceive(hex("002000800C" + hex(ascii(TestCards.NUMBER_A))))))
        .isEqualTo(0x9000);
    t.transceive(hex("00A4020C020002"));
    assertThatThrownBy(() -> t.transceive(READ_EXTENDED))
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(Reason.LENGTH_LIMIT);
    byte[] r = t.transceive(hex("00B00000001FFE"));
    assertThat(r).hasSize(8192);
  }

  @Test
  void removeCardBefore_failsThatAndLaterApdusAndCardNeverSeesIt() throws Exception {
    VirtualCardTransport t = card.transport().removeCardBefore(3);
    t.transceive(SELECT_JPKI);
    t.transceive(SELECT_AUTH_PIN);
    assertThatThrownBy(() -> t.transceive(VERIFY_WRONG))
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(Reason.CARD_REMOVED);
    assertThat(card.triesLeft(Application.JPKI, 0x18)).hasValue(3);
    assertThatThrownBy(() -> t.transceive(SELECT_JPKI))
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(Reason.CARD_REMOVED);
    assertThat(t.isCardPresent()).isFalse();
    assertThat(t.apduCount()).isEqualTo(2);
  }

  @Test
  void removeCardAfter_deliversThatResponseThenFails() throws Exception {
    VirtualCardTransport t = card.transport().removeCardAfter(1);
    assertThat(hex(t.transceive(SELECT_JPKI))).isEqualTo("9000");
    assertThatThrownBy(() -> t.transceive(SELECT_AUTH_CERT))
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(Reason.CARD_REMOVED);
  }

  @Test
  void loseTagDuring_verify_cardCountsTryAndOutcomeIsUnknown() throws Exception {
    VirtualCardTransport t = card.transport().loseTagDuring(3);
    t.transceive(SELECT_JPKI);
    t.transceive(SELECT_AUTH_PIN);
    assertThatThrownBy(() -> t.transceive(VERIFY_WRONG))
        .isInstanceOfSatisfying(TransportException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.CARD_REMOVED);
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.getMessage()).contains("tag").doesNotContain("3030");
        });
    assertThat(card.triesLeft(Application.JPKI, 0x18)).hasValue(2);
    assertThatThrownBy(() -> t.transceive(SELECT_JPKI))
        .isInstanceOfSatisfying(TransportException.class, e ->
            assertThat(e.getMessage()).contains("tag"));
  }

  @Test
  void insertCard_afterRemoval_worksAgainWithFreshVolatileState() throws Exception {
    VirtualCardTransport t = card.transport();
    t.transceive(SELECT_JPKI);
    t.transceive(SELECT_AUTH_PIN);
    t.transceive(VERIFY_AUTH_PIN);
    t.removeCard();
    assertThatThrownBy(() -> t.transceive(SELECT_JPKI)).isInstanceOf(TransportException.class);
    t.insertCard();
    assertThat(card.isVerified(Application.JPKI, 0x18)).isFalse();
    assertThat(hex(t.transceive(SELECT_JPKI))).isEqualTo("9000");
  }

  @Test
  void respondWith_injectsStatusWordAndCardDoesNotSeeCommand() throws Exception {
    VirtualCardTransport t = card.transport().respondWith(1, 0x6A82);
    assertThat(hex(t.transceive(SELECT_JPKI))).isEqualTo("6A82");
    assertThat(card.currentApplication()).isEqualTo(Application.MF);
    assertThat(hex(t.transceive(SELECT_JPKI))).isEqualTo("9000");
    assertThat(t.apduCount()).isEqualTo(1);
    assertThat(t.transceiveCalls()).isEqualTo(2);
  }

  @Test
  void truncateResponse_cutsResponse() throws Exception {
    VirtualCardTransport t = card.transport().truncateResponse(3, 3);
    t.transceive(SELECT_JPKI);
    t.transceive(SELECT_AUTH_CERT);
    assertThat(hex(t.transceive(hex("00B0000004")))).isEqualTo("308204");
  }

  @Test
  void corruptResponse_flipsByte() throws Exception {
    VirtualCardTransport t = card.transport().corruptResponse(3).corruptResponse(4, 5);
    t.transceive(SELECT_JPKI);
    t.transceive(SELECT_AUTH_CERT);
    assertThat(hex(t.transceive(hex("00B0000004")))).isEqualTo("CF8204AC9000");
    assertThat(hex(t.transceive(hex("00B0000004")))).isEqualTo("308204AC90FF");
  }

  @Test
  void close_thenTransceive_failsClosedAndResetsCard() throws Exception {
    VirtualCardTransport t = card.transport();
    t.transceive(SELECT_JPKI);
    t.close();
    t.close(); // idempotent
    assertThat(card.currentApplication()).isEqualTo(Application.MF);
    assertThatThrownBy(() -> t.transceive(SELECT_JPKI))
        .extracting(e -> ((TransportException) e).reason()).isEqualTo(Reason.CLOSED);
  }

  @Test
  void faultMethods_rejectBadArguments() {
    VirtualCardTransport t = card.transport();
    assertThatThrownBy(() -> t.removeCardBefore(0)).hasMessageContaining("start at 1");
    assertThatThrownBy(() -> t.respondWith(1, 0x10000)).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> t.truncateResponse(1, -1)).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void latency_accumulatesPerApduPerByteAndPerRsaWithoutSleeping() throws Exception {
    LatencyModel model = LatencyModel.of(Duration.ofMillis(2), Duration.ofNanos(10_000),
        Duration.ofMillis(500));
    VirtualCardTransport t = VirtualCardTransport.builder(card).latency(model).build();
    long start = System.nanoTime();
    t.transceive(SELECT_JPKI); // 15 + 2 bytes
    assertThat(t.simulatedTime()).isEqualTo(Duration.ofMillis(2).plusNanos(17 * 10_000));
    t.transceive(SELECT_AUTH_PIN); // 7 + 2
    t.transceive(VERIFY_AUTH_PIN); // 9 + 2
    t.transceive(hex("00A4020C020017")); // 7 + 2
    byte[] di = hex("3031300D060960864801650304020105000420"
        + "0000000000000000000000000000000000000000000000000000000000000000");
    byte[] sign = hex("802A008033" + hex(di) + "00"); // 57 bytes; response 258
    assertThat(sign).hasSize(57);
    assertThat(sw(t.transceive(sign))).isEqualTo(0x9000);
    Duration expected = Duration.ofMillis(2 * 5)
        .plusNanos((17 + 9 + 11 + 9 + 57 + 258) * 10_000L)
        .plusMillis(500);
    assertThat(t.simulatedTime()).isEqualTo(expected);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    t.resetCounters();
    assertThat(t.simulatedTime()).isZero();
    assertThat(t.apduCount()).isZero();
  }

  @Test
  void latencyPresets_chargeRsaMoreOverNfcThanContact() {
    assertThat(LatencyModel.nfc().perRsaOperation())
        .isGreaterThan(LatencyModel.contact().perRsaOperation());
    assertThat(LatencyModel.contact().perApdu()).isPositive();
    assertThat(LatencyModel.none().costNanos(1000, 3)).isZero();
    assertThat(LatencyModel.contact().costNanos(100, 1)).isEqualTo(
        1_000_000L + 100 * 90_000L + 400_000_000L);
    assertThatThrownBy(() -> LatencyModel.of(Duration.ofMillis(-1), Duration.ZERO,
        Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
