// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.internal.Apdu;
import dev.jpki.internal.CardChannel;
import dev.jpki.apdu.CardStatusException;
import dev.jpki.internal.CountingTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.TestCards;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** jpki-core's protocol layer driving the virtual card: reads come out whole, in few APDUs. */
class CardChannelIntegrationTest {

  /** SELECT by AID (p1 04) or FID (p1 02), no FCI; the channel only carries it (the session selects in the SDK). */
  private static void select(CardChannel ch, int p1, byte[] id) throws Exception {
    assertThat(ch.transmit(Apdu.of(0x00, 0xA4, p1, 0x0C, id, 0)).sw()).isEqualTo(0x9000);
  }

  static final byte[] AUTH_CERT_TLV = Arrays.copyOf(TestCards.AUTH_CERT, 4 + 0x04AC);

  @Test
  void readTlvFile_extendedTransport_readsCertificateInOneReadBinary() throws Exception {
    CountingTransport t = new CountingTransport(TestCards.card().transport());
    CardChannel ch = new CardChannel(t);
    select(ch, 0x04, Application.JPKI.aid());
    select(ch, 0x02, new byte[] {0, (byte) 0x000A});
    assertThat(ch.readTlvFile("JPKI EF 000A")).isEqualTo(AUTH_CERT_TLV);
    assertThat(t.apduCount()).isEqualTo(3);
  }

  @Test
  void readTlvFile_shortOnlyTransport_readsCertificateIn256ByteChunks() throws Exception {
    VirtualCardTransport vt = VirtualCardTransport.builder(TestCards.card())
        .capabilities(TransportCapabilities.shortOnly()).build();
    CardChannel ch = new CardChannel(vt);
    select(ch, 0x04, Application.JPKI.aid());
    select(ch, 0x02, new byte[] {0, (byte) 0x000A});
    assertThat(ch.readTlvFile("JPKI EF 000A")).isEqualTo(AUTH_CERT_TLV);
    // 1200 bytes = 5 chunks of 256 (the last one short)
    assertThat(vt.apduCount()).isEqualTo(2 + 5);
  }

  @Test
  void readFixed_myNumberEf_returnsPhysicalBytesWithFiller() throws Exception {
    VirtualCardTransport vt = TestCards.card().transport();
    CardChannel ch = new CardChannel(vt);
    select(ch, 0x04, Application.TEXT.aid());
    select(ch, 0x02, new byte[] {0, (byte) 0x0014});
    assertThat(vt.transceive(TestCards.hex("002000800C" + TestCards.hex(TestCards.ascii(
        TestCards.NUMBER_A))))).containsExactly(0x90, 0x00);
    select(ch, 0x02, new byte[] {0, (byte) 0x0001});
    assertThat(ch.readFixed(17, "text EF 0001")).isEqualTo(TestCards.MY_NUMBER_EF);
  }

  @Test
  void readTlvFile_withoutPassword_throwsWithSecurityStatus() throws Exception {
    CardChannel ch = new CardChannel(TestCards.card().transport());
    select(ch, 0x04, Application.JPKI.aid());
    select(ch, 0x02, new byte[] {0, (byte) 0x0001});
    assertThatThrownBy(() -> ch.readTlvFile("JPKI EF 0001"))
        .isInstanceOfSatisfying(CardStatusException.class, e ->
            assertThat(e.sw()).isEqualTo(0x6982));
  }
}
