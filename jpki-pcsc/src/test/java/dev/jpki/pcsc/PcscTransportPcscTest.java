// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static dev.jpki.pcsc.TestCard.SELECT_AUTH_CERT;
import static dev.jpki.pcsc.TestCard.SELECT_AUTH_KEY;
import static dev.jpki.pcsc.TestCard.SELECT_AUTH_PIN;
import static dev.jpki.pcsc.TestCard.SELECT_JPKI;
import static dev.jpki.pcsc.TestCard.VERIFY_AUTH_PIN;
import static dev.jpki.pcsc.TestCard.data;
import static dev.jpki.pcsc.TestCard.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.pcsc.PcscException.Kind;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.pcsc.PcscTransport.Options;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Raw JPKI APDU flows through the real PC/SC stack into the virtual card in slot 0. */
@ResourceLock("pcsc-slot-0")
@Timeout(60)
class PcscTransportPcscTest {
  private static final Options SHORT = Options.builder().extendedLength(ExtendedLength.NEVER).build();
  private static final byte[] MESSAGE = "pcsc e2e challenge".getBytes(StandardCharsets.UTF_8);

  static PcscReaders readers;
  static CardTerminal slot0;

  VpcdBridge bridge;

  @BeforeAll
  static void requirePcscd() throws Exception {
    readers = PcscTestSupport.vpcdOrNull(PcscTransportPcscTest.class);
    if (readers == null) {
      return; // each test is skipped with the reason (skipWithoutPcscd)
    }
    slot0 = readers.byName(PcscTestSupport.SLOT_0);
  }

  @BeforeEach
  void skipWithoutPcscd() {
    PcscTestSupport.assumeVpcd();
  }

  @AfterEach
  void removeCard() throws Exception {
    if (bridge != null) {
      PcscTestSupport.remove(bridge, slot0);
    }
  }

  private VirtualMyNumberCard insert(VirtualMyNumberCard card) throws Exception {
    bridge = PcscTestSupport.insert(card, slot0, 0);
    return card;
  }

  @Test
  void readCertificate_extendedOptedIn_wholeEfInOneApdu() throws Exception {
    insert(TestCard.newCard());

    try (PcscTransport t = PcscTransport.connect(readers.firstWithCard(),
        PcscTransport.Options.builder().extendedLength(dev.jpki.apdu.ExtendedLength.ALWAYS).build())) {
      assertThat(t.readerName()).isEqualTo(PcscTestSupport.SLOT_0);
      assertThat(t.capabilities().extendedLength()).isTrue();
      assertThat(t.capabilities().maxResponseData()).isEqualTo(8190);
      assertThat(sw(t.transceive(SELECT_JPKI))).isEqualTo(0x9000);
      assertThat(sw(t.transceive(SELECT_AUTH_CERT))).isEqualTo(0x9000);
      byte[] r = t.transceive(TestCard.readBinaryExtended(0));

      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(data(r)).containsExactly(TestCard.AUTH_CERT);
    }
  }

  @Test
  void readCertificate_shortOnly_256ByteChunksAndExtendedRefused() throws Exception {
    insert(TestCard.newCard());

    try (PcscTransport t = PcscTransport.connect(slot0, SHORT)) {
      assertThat(t.capabilities()).isEqualTo(TransportCapabilities.shortOnly());
      t.transceive(SELECT_JPKI);
      t.transceive(SELECT_AUTH_CERT);
      ByteArrayOutputStream cert = new ByteArrayOutputStream();
      while (cert.size() < TestCard.AUTH_CERT.length) {
        int le = Math.min(256, TestCard.AUTH_CERT.length - cert.size());
        byte[] r = t.transceive(TestCard.readBinary(cert.size(), le == 256 ? 0 : le));
        assertThat(sw(r)).isEqualTo(0x9000);
        cert.write(data(r));
      }

      assertThat(cert.toByteArray()).containsExactly(TestCard.AUTH_CERT);
      assertThat(catchThrowableOfType(PcscException.class, () -> t.transceive(TestCard.readBinaryExtended(0))).kind())
          .isEqualTo(Kind.COMMAND_TOO_LONG);
    }
  }

  @Test
  @SuppressWarnings("try") // a resource held open for its effect on the card/reader, not used
  void sign_afterVerifyUnderExclusiveAccess_signatureVerifiesWithCardKey() throws Exception {
    insert(TestCard.newCard());

    try (PcscTransport t = PcscTransport.connect(slot0)) {
      byte[] r;
      t.beginExclusive();
      try {
        t.transceive(SELECT_JPKI);
        t.transceive(SELECT_AUTH_PIN);
        assertThat(sw(t.transceive(VERIFY_AUTH_PIN))).isEqualTo(0x9000);
        t.transceive(SELECT_AUTH_KEY);
        r = t.transceive(TestCard.sign(MESSAGE));
      } finally {
        t.endExclusive();
      }

      assertThat(sw(r)).isEqualTo(0x9000);
      assertThat(TestCard.verifies(MESSAGE, data(r))).isTrue();
    }
  }

  @Test
  void exclusive_otherProcessCannotSlipInBetween() throws Exception {
    // SunPCSC shares one Card per reader inside a JVM, so the other program must be another process.
    insert(TestCard.newCard());

    try (PcscTransport t = PcscTransport.connect(slot0, SHORT)) {
      t.beginExclusive();
      OtherProcess other = OtherProcess.start("select", PcscTestSupport.SLOT_0);
      try {
        assertThat(other.awaitLine(java.time.Duration.ofSeconds(20))).isEqualTo("STARTED");
        // pcsc-lite makes the other process wait (in connect) while we hold the transaction.
        String duringExclusive = other.awaitLine(java.time.Duration.ofMillis(1500));
        assertThat(sw(t.transceive(SELECT_JPKI))).isEqualTo(0x9000);
        t.endExclusive();

        assertThat(duringExclusive).as("other process while we are exclusive").isNull();
        assertThat(other.awaitLine(java.time.Duration.ofSeconds(10))).isEqualTo("CONNECTED");
        assertThat(other.awaitLine(java.time.Duration.ofSeconds(10))).isEqualTo("SW=9000");
      } finally {
        other.destroy();
      }
    }
  }

  @Test
  void closeWithResetOnClose_resetsCard_secondConnectionCannotSignWithFirstsPin() throws Exception {
    VirtualMyNumberCard card = insert(TestCard.newCardKeepingSecurityOnSelect());
    try (PcscTransport first = PcscTransport.connect(slot0, SHORT.newBuilder().resetOnClose(true).build())) {
      first.transceive(SELECT_JPKI);
      first.transceive(SELECT_AUTH_PIN);
      assertThat(sw(first.transceive(VERIFY_AUTH_PIN))).isEqualTo(0x9000);
      assertThat(card.isVerified(Application.JPKI, 0x0018)).isTrue();
    }

    try (PcscTransport second = PcscTransport.connect(slot0, SHORT)) {
      second.transceive(SELECT_JPKI);
      second.transceive(SELECT_AUTH_KEY);

      assertThat(sw(second.transceive(TestCard.sign(MESSAGE)))).isEqualTo(0x6982);
    }
  }

  @Test
  void control_disconnectWithoutReset_pinCarriesOver() throws Exception {
    // Shows the test above can fail: leaving the card (no reset) keeps the verified PIN for the next user.
    insert(TestCard.newCardKeepingSecurityOnSelect());
    Card raw = slot0.connect("*");
    raw.getBasicChannel().transmit(new CommandAPDU(SELECT_JPKI));
    raw.getBasicChannel().transmit(new CommandAPDU(SELECT_AUTH_PIN));
    assertThat(raw.getBasicChannel().transmit(new CommandAPDU(VERIFY_AUTH_PIN)).getSW()).isEqualTo(0x9000);
    raw.disconnect(false);

    try (PcscTransport next = PcscTransport.connect(slot0, SHORT)) {
      next.transceive(SELECT_JPKI);
      next.transceive(SELECT_AUTH_KEY);
      assertThat(sw(next.transceive(TestCard.sign(MESSAGE)))).isEqualTo(0x9000);
    }
  }

  @Test
  void transceive_cardRemovedMidFlow_throwsCardRemovedAndCloseStillWorks() throws Exception {
    insert(TestCard.newCard());
    PcscTransport t = PcscTransport.connect(slot0, SHORT);
    assertThat(sw(t.transceive(SELECT_JPKI))).isEqualTo(0x9000);

    PcscTestSupport.remove(bridge, slot0);
    bridge = null;
    PcscException first = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_AUTH_PIN));
    PcscException second = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_AUTH_PIN));
    t.close();

    assertThat(first.kind()).isEqualTo(Kind.CARD_REMOVED);
    assertThat(first.reason()).isEqualTo(Reason.CARD_REMOVED);
    assertThat(first.pcscCode()).isPresent();
    assertThat(second.reason()).isEqualTo(Reason.CARD_REMOVED);
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void transceive_responseOver8192Bytes_throwsResponseTooLong() throws Exception {
    insert(TestCard.newCard());

    try (PcscTransport t = PcscTransport.connect(slot0, Options.builder().extendedLength(ExtendedLength.ALWAYS).build())) {
      t.transceive(SELECT_JPKI);
      t.transceive(TestCard.SELECT_BIG_EF);
      PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(TestCard.readBinaryExtended(0)));

      assertThat(e.kind()).isEqualTo(Kind.RESPONSE_TOO_LONG);
      assertThat(e.pcscCode()).contains("SCARD_E_INSUFFICIENT_BUFFER");
    }
  }

  @Test
  void connect_emptyReader_throwsNoCard() throws Exception {
    PcscTestSupport.remove(new VpcdBridge(TestCard.newCard()), slot0); // ensure empty
    PcscException e = catchThrowableOfType(PcscException.class, () -> PcscTransport.connect(slot0));

    assertThat(e.kind()).isEqualTo(Kind.NO_CARD);
  }
}
