// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.vpcd;

import static dev.jpki.testkit.card.TestCards.ascii;
import static dev.jpki.testkit.card.TestCards.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.TestCards;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bridge against a fake vpcd (a local server socket speaking the vpcd framing, docs/testing.md §1.3). */
@Timeout(20)
class VpcdBridgeTest {
  ServerSocket vpcd;
  VirtualMyNumberCard card;

  @BeforeEach
  void setUp() throws IOException {
    vpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    card = TestCards.card();
  }

  @AfterEach
  void tearDown() throws IOException {
    vpcd.close();
  }

  /** The driver side of one connection. */
  static final class Driver implements AutoCloseable {
    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;

    Driver(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(5000);
      this.in = new DataInputStream(socket.getInputStream());
      this.out = new DataOutputStream(socket.getOutputStream());
    }

    void send(byte[] payload) throws IOException {
      out.writeShort(payload.length);
      out.write(payload);
      out.flush();
    }

    byte[] receive() throws IOException {
      int len = in.readUnsignedShort();
      byte[] b = new byte[len];
      in.readFully(b);
      return b;
    }

    byte[] exchange(String hexPayload) throws IOException {
      send(hex(hexPayload));
      return receive();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  Driver connect(VpcdBridge bridge) throws IOException {
    bridge.start();
    return new Driver(vpcd.accept());
  }

  @Test
  void getAtr_repliesWithCardAtr() throws Exception {
    try (VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
        Driver d = connect(bridge)) {
      assertThat(hex(d.exchange("04"))).isEqualTo("3BE000FF8131FE4514");
    }
  }

  @Test
  void apduFrames_areAnsweredByTheCard() throws Exception {
    try (VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
        Driver d = connect(bridge)) {
      d.send(hex("01")); // power on: no reply
      assertThat(hex(d.exchange("00A4040C0AD392F000260100000001"))).isEqualTo("9000");
      assertThat(hex(d.exchange("00A4020C02000A"))).isEqualTo("9000");
      assertThat(hex(d.exchange("00B0000004"))).isEqualTo("308204AC9000");
      assertThat(hex(d.exchange("00A4020C020018"))).isEqualTo("9000");
      assertThat(hex(d.exchange("00200080"))).isEqualTo("63C3");
      assertThat(bridge.apduCount()).isEqualTo(5);
    }
  }

  @Test
  void powerAndResetControls_clearVolatileStateWithoutReply() throws Exception {
    try (VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
        Driver d = connect(bridge)) {
      for (String control : new String[] {"00", "01", "02"}) {
        d.exchange("00A4040C0AD392F000260100000001");
        d.exchange("00A4020C020018");
        assertThat(hex(d.exchange("0020008004" + hex(ascii(TestCards.AUTH_PIN)))))
            .isEqualTo("9000");
        d.send(hex(control));
        // The next reply proves the control was consumed without a reply of its own.
        assertThat(hex(d.exchange("04"))).isEqualTo("3BE000FF8131FE4514");
        assertThat(card.isVerified(Application.JPKI, 0x18)).as(control).isFalse();
        assertThat(card.currentApplication()).isEqualTo(Application.MF);
      }
    }
  }

  @Test
  void unparseableFrames_answer6F00AndBridgeKeepsServing() throws Exception {
    try (VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
        Driver d = connect(bridge)) {
      assertThat(hex(d.exchange("03"))).isEqualTo("6F00"); // unknown control byte
      assertThat(hex(d.exchange(""))).isEqualTo("6F00"); // empty frame
      assertThat(hex(d.exchange("00A404"))).isEqualTo("6700"); // malformed APDU: card answers
      assertThat(hex(d.exchange("04"))).isEqualTo("3BE000FF8131FE4514");
      assertThat(bridge.isRunning()).isTrue();
    }
  }

  @Test
  void largeResponse_isFramedWithTwoByteLength() throws Exception {
    try (VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
        Driver d = connect(bridge)) {
      d.exchange("00A4040C0AD3921000310001010402");
      d.exchange("00A4020C020013");
      d.exchange("002000800C" + hex(ascii(TestCards.NUMBER_A)));
      d.exchange("00A4020C020002");
      byte[] r = d.exchange("00B00000000000");
      assertThat(r).hasSize(TestCards.CARD_FACE.length + 2);
    }
  }

  @Test
  void close_closesSocketSoVpcdSeesCardRemoved() throws Exception {
    VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
    try (Driver d = connect(bridge)) {
      d.exchange("04");
      bridge.close();
      assertThat(d.in.read()).isEqualTo(-1);
      assertThat(bridge.isRunning()).isFalse();
    }
  }

  @Test
  void vpcdClosingConnection_stopsBridge() throws Exception {
    VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
    Driver d = connect(bridge);
    d.close();
    bridge.join(5000);
    assertThat(bridge.isRunning()).isFalse();
  }

  @Test
  @SuppressWarnings("try") // a resource held open for its effect on the card/reader, not used
  void start_twice_throwsIllegalState() throws Exception {
    try (VpcdBridge bridge = new VpcdBridge(card, "127.0.0.1", vpcd.getLocalPort());
        Driver d = connect(bridge)) {
      assertThatThrownBy(bridge::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void start_noVpcd_throwsIOException() throws Exception {
    int port = vpcd.getLocalPort();
    vpcd.close();
    assertThatThrownBy(() -> new VpcdBridge(card, "127.0.0.1", port).start())
        .isInstanceOf(IOException.class);
  }

  @Test
  void portForSlot_mapsSlotsToVpcdPorts() {
    assertThat(VpcdBridge.portForSlot(0)).isEqualTo(35963);
    assertThat(VpcdBridge.portForSlot(1)).isEqualTo(35964);
    assertThatThrownBy(() -> VpcdBridge.portForSlot(2)).hasMessageContaining("2");
  }

  @Test
  void serve_reconnectsAfterVpcdDropsAndStopsOnInterrupt() throws Exception {
    int port = vpcd.getLocalPort();
    Thread server = new Thread(() -> VpcdBridge.serve("127.0.0.1", port, card), "serve-test");
    server.start();
    try (Driver first = new Driver(vpcd.accept())) {
      assertThat(hex(first.exchange("04"))).isEqualTo("3BE000FF8131FE4514");
    } // vpcd drops the card (e.g. pcscd restarted)
    vpcd.setSoTimeout(5000);
    try (Driver second = new Driver(vpcd.accept())) { // serve() reconnects within ~1 s
      assertThat(hex(second.exchange("00A4040C0AD392F000260100000001"))).isEqualTo("9000");
      server.interrupt();
      server.join(5000);
      assertThat(server.isAlive()).isFalse();
      assertThat(second.in.read()).isEqualTo(-1); // card removed
    } catch (SocketTimeoutException e) {
      server.interrupt();
      throw e;
    }
  }
}
