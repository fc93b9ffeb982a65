// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

import static dev.jpki.testkit.card.TestCards.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import org.junit.jupiter.api.Test;

class ScriptedTransportTest {

  @Test
  void transceive_scriptedPairs_returnsResponsesInOrder() throws Exception {
    ScriptedTransport t = ScriptedTransport.create()
        .expect("00A4040C0A D392F000260100000001", "9000")
        .expect("00B0000004", "308204AC9000");
    assertThat(hex(t.transceive(hex("00A4040C0AD392F000260100000001")))).isEqualTo("9000");
    assertThat(hex(t.transceive(hex("00B0000004")))).isEqualTo("308204AC9000");
    t.assertAllConsumed();
    assertThat(t.consumed()).isEqualTo(2);
  }

  @Test
  void transceive_unexpectedCommand_failsWithBothCommandsInHex() {
    ScriptedTransport t = ScriptedTransport.create().expect("00A4020C02000A", "9000");
    assertThatThrownBy(() -> t.transceive(hex("00A4020C020001")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("APDU #1")
        .hasMessageContaining("00A4020C02000A")
        .hasMessageContaining("00A4020C020001");
  }

  @Test
  void transceive_wrongVerify_redactsBothPins() {
    ScriptedTransport t = ScriptedTransport.create().expect("002000800431323334", "9000");
    assertThatThrownBy(() -> t.transceive(hex("002000800439383736")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("00200080")
        .hasMessageContaining("redacted")
        .hasMessageContaining("data differs")
        .message().doesNotContain("31323334").doesNotContain("39383736").doesNotContain("1234")
        .doesNotContain("9876");
  }

  @Test
  void transceive_changeReferenceDataAndSignature_areRedacted() {
    ScriptedTransport t = ScriptedTransport.create().expect("0024018004AABBCCDD", "9000");
    assertThatThrownBy(() -> t.transceive(hex("802A00800311223300")))
        .message().doesNotContain("AABBCCDD").doesNotContain("112233")
        .contains("0024018004".substring(0, 8)).contains("802A0080");
  }

  @Test
  void transceive_afterScriptEnd_fails() throws Exception {
    ScriptedTransport t = ScriptedTransport.create().expect("00A4040C", "6700");
    t.transceive(hex("00A4040C"));
    assertThatThrownBy(() -> t.transceive(hex("00B0000004")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("after the end");
  }

  @Test
  void assertAllConsumed_withRemainingSteps_failsNamingTheNext() throws Exception {
    ScriptedTransport t = ScriptedTransport.create()
        .expect("00A4040C", "9000")
        .expect("0020008004AABBCCDD", "9000");
    t.transceive(hex("00A4040C"));
    assertThatThrownBy(t::assertAllConsumed).isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 of 2").hasMessageContaining("#2")
        .message().doesNotContain("AABBCCDD");
  }

  @Test
  void assertAllConsumed_afterSwallowedMismatch_stillFails() {
    ScriptedTransport t = ScriptedTransport.create().expect("00A4040C", "9000");
    try {
      t.transceive(hex("00B00000"));
    } catch (AssertionError | TransportException swallowed) {
      // code under test might swallow it
    }
    assertThatThrownBy(t::assertAllConsumed).isInstanceOf(AssertionError.class)
        .hasMessageContaining("differs");
  }

  @Test
  void expectFailure_throwsTransportExceptionWithReason() throws Exception {
    ScriptedTransport t = ScriptedTransport.create()
        .expectFailure("00200080", TransportException.Reason.CARD_REMOVED);
    assertThatThrownBy(() -> t.transceive(hex("00200080")))
        .isInstanceOfSatisfying(TransportException.class, e ->
            assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_REMOVED));
    t.assertAllConsumed();
  }

  @Test
  void close_thenTransceive_failsClosed() {
    ScriptedTransport t = ScriptedTransport.create(TransportCapabilities.shortOnly());
    assertThat(t.capabilities().extendedLength()).isFalse();
    t.close();
    assertThatThrownBy(() -> t.transceive(hex("00A4040C")))
        .isInstanceOfSatisfying(TransportException.class, e ->
            assertThat(e.reason()).isEqualTo(TransportException.Reason.CLOSED));
  }

  @Test
  void expect_badHexOrShortResponse_rejectedWithPosition() {
    ScriptedTransport t = ScriptedTransport.create();
    assertThatThrownBy(() -> t.expect("00A4G0", "9000")).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("index 4");
    assertThatThrownBy(() -> t.expect("00A", "9000")).hasMessageContaining("odd");
    assertThatThrownBy(() -> t.expect("00A40000", "90")).hasMessageContaining("SW1 SW2");
  }

  @Test
  void transceive_returnsCopy() throws Exception {
    ScriptedTransport t = ScriptedTransport.create().expect("00", "9000").expect("00", "9000");
    t.transceive(hex("00"))[0] = 0;
    assertThat(hex(t.transceive(hex("00")))).isEqualTo("9000");
  }
}
