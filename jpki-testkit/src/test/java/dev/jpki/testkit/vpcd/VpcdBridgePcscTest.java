// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.vpcd;

import static dev.jpki.testkit.card.TestCards.ascii;
import static dev.jpki.testkit.card.TestCards.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.TestCards;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Raw APDUs through the real PC/SC stack: javax.smartcardio → libpcsclite → pcscd → vpcd → {@link
 * VpcdBridge} → the virtual card (docs/testing.md §1). Needs pcscd with vsmartcard-vpcd running; the
 * class is skipped without it unless {@code JPKI_REQUIRE_PCSC=true}, which turns absence into a
 * failure.
 */
@ResourceLock("pcsc-slot-0")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class VpcdBridgePcscTest {
  static final String READER = VpcdSlot.readerName(0);
  static CardTerminal terminal;

  static VirtualMyNumberCard card;
  static VpcdBridge bridge;

  /** Why every test of this class is skipped on this machine, or null when the prerequisites are there. */
  static String skipReason;

  @BeforeEach
  void skipWithoutPrerequisites() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @BeforeAll
  static void requirePcscdAndInsertCard() throws Exception {
    VpcdSlot.Found found = VpcdSlot.find(0);
    if (found.terminal() == null) {
      // Not an abort here: a class aborted in @BeforeAll vanishes from Surefire's counts. Each test is
      // skipped with the reason instead (skipWithoutPrerequisites).
      skipReason = found.unavailable();
      System.out.println("[skipped] VpcdBridgePcscTest: every test, " + skipReason);
      return;
    }
    terminal = found.terminal();
    // One insertion for the class (each costs 0.1-0.4 s, docs/testing.md §1.9); every test starts
    // with connect(), a power-on that clears the card's volatile state.
    card = TestCards.card();
    bridge = VpcdSlot.insert(terminal, 0, card);
  }

  @AfterAll
  static void remove() throws Exception {
    if (bridge != null) {
      VpcdSlot.remove(bridge, terminal);
    }
  }

  static byte[] transmit(CardChannel ch, String hexApdu) throws Exception {
    ResponseAPDU r = ch.transmit(new CommandAPDU(hex(hexApdu)));
    return r.getBytes();
  }

  @Test
  void connect_presentsMyNumberCardAtr() throws Exception {
    Card c = terminal.connect("*");
    try {
      assertThat(hex(c.getATR().getBytes())).isEqualTo("3BE000FF8131FE4514");
    } finally {
      c.disconnect(true);
    }
  }

  @Test
  void rawApdus_selectReadVerifySign_matchTheSpec() throws Exception {
    Card c = terminal.connect("*");
    try {
      CardChannel ch = c.getBasicChannel();
      assertThat(hex(transmit(ch, "00A4040C07A0000000031010"))).isEqualTo("6A82");
      assertThat(hex(transmit(ch, "00EE000000"))).isEqualTo("6D00");
      assertThat(hex(transmit(ch, "00A4040C0AD392F000260100000001"))).isEqualTo("9000");
      assertThat(hex(transmit(ch, "00A4020C02000A"))).isEqualTo("9000");
      assertThat(hex(transmit(ch, "00B0000004"))).isEqualTo("308204AC9000");
      // extended Le through the whole chain (response below javax.smartcardio's 8192 cap)
      byte[] whole = transmit(ch, "00B00000000000");
      assertThat(Arrays.copyOf(whole, whole.length - 2)).isEqualTo(TestCards.AUTH_CERT);
      // docs/card-protocol.md §15: PIN status on bind, then sign
      assertThat(hex(transmit(ch, "00A4020C020018"))).isEqualTo("9000");
      assertThat(hex(transmit(ch, "00200080"))).isEqualTo("63C3");
      assertThat(hex(transmit(ch, "0020008004" + hex(ascii(TestCards.AUTH_PIN)))))
          .isEqualTo("9000");
      assertThat(hex(transmit(ch, "00A4020C020017"))).isEqualTo("9000");
      byte[] h = MessageDigest.getInstance("SHA-256").digest(ascii("pcsc"));
      String di = "3031300D060960864801650304020105000420" + hex(h);
      byte[] sig = transmit(ch, "802A008033" + di + "00");
      assertThat(sig).hasSize(258);
      Signature v = Signature.getInstance("SHA256withRSA");
      v.initVerify(TestCards.AUTH_KEY.getPublic());
      v.update(ascii("pcsc"));
      assertThat(v.verify(Arrays.copyOf(sig, 256))).isTrue();
    } finally {
      c.disconnect(true);
    }
  }

  @Test
  void disconnectWithReset_clearsVerifiedState() throws Exception {
    Card c = terminal.connect("*");
    CardChannel ch = c.getBasicChannel();
    transmit(ch, "00A4040C0AD392F000260100000001");
    transmit(ch, "00A4020C020018");
    assertThat(hex(transmit(ch, "0020008004" + hex(ascii(TestCards.AUTH_PIN)))))
        .isEqualTo("9000");
    assertThat(card.isVerified(Application.JPKI, 0x18)).isTrue();
    c.disconnect(true); // vpcd sends RESET
    Card again = terminal.connect("*"); // vpcd sends POWER ON
    try {
      assertThat(card.isVerified(Application.JPKI, 0x18)).isFalse();
      CardChannel ch2 = again.getBasicChannel();
      transmit(ch2, "00A4040C0AD392F000260100000001");
      assertThat(hex(transmit(ch2, "00A4020C020001"))).isEqualTo("9000");
      assertThat(hex(transmit(ch2, "00B0000004"))).isEqualTo("6982");
    } finally {
      again.disconnect(true);
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it removes the card the other tests use
  void closingBridge_removesCard() throws Exception {
    bridge.close();
    assertThat(terminal.waitForCardAbsent(5000)).isTrue();
  }
}
