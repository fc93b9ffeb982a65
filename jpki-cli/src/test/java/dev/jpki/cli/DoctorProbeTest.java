// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.reader.ReaderCards;
import dev.jpki.testkit.reader.ReaderTransports;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jpki doctor --probe} on the in-process virtual card behind the testkit's reader models: what it
 * reports, and that it sends no VERIFY, no signature and nothing that writes.
 */
class DoctorProbeTest {
  private final List<byte[]> sent = new ArrayList<>();

  @AfterEach
  void restore() {
    CardOpener.VIRTUAL_TRANSPORT.remove();
  }

  /** The virtual card behind a card-side model, with {@code caps}, around a link-side model. */
  private void model(UnaryOperator<ApduProcessor> cardSide, TransportCapabilities caps,
      UnaryOperator<CardTransport> link) {
    CardOpener.VIRTUAL_TRANSPORT.set(card -> new ForwardingTransport(
        link.apply(VirtualCardTransport.builder(cardSide.apply(card)).capabilities(caps).build())) {
      @Override
      public byte[] transceive(byte[] command) throws TransportException {
        sent.add(command.clone());
        return super.transceive(command);
      }
    });
  }

  private void assertOnlySelectsAndReads() {
    assertThat(sent).allSatisfy(c -> assertThat(c[1] & 0xFF).as("INS").isIn(0xA4, 0xB0));
  }

  @Test
  void goodReader_extendedYes_maxResponseIsWhatTheCertificateFileHolds_oneLine() {
    model(c -> c, TransportCapabilities.extended(65535, 8192), t -> t);
    CliRunner.Result r = new CliRunner().run("--virtual", "doctor", "--probe");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.out()).startsWith("jpki-probe reader=\"virtual card (persona default, in process)\"")
        .contains("atr=3BE000FF8131FE4514", "protocol=in_process", "shortReads=ok", "extended=yes");
    assertOnlySelectsAndReads();
  }

  @Test
  void json_sameFields() {
    model(c -> c, TransportCapabilities.extended(65535, 8192), t -> t);
    JsonNode j = new CliRunner().run("--virtual", "--json", "doctor", "--probe").json();
    assertThat(j.get("reader").asText()).contains("virtual card");
    assertThat(j.get("atr").asText()).isEqualTo("3BE000FF8131FE4514");
    assertThat(j.get("protocol").asText()).isEqualTo("in process");
    assertThat(j.get("shortReads").asBoolean()).isTrue();
    assertThat(j.get("extended").asBoolean()).isTrue();
    int cert = j.get("certificateLength").asInt();
    assertThat(j.get("maxResponse").asInt()).isGreaterThanOrEqualTo(cert).isGreaterThan(256);
    assertThat(j.get("steps").get(0).get("le").asInt()).isEqualTo(512);
    assertThat(j.get("steps").get(0).get("result").asText()).isEqualTo("ok");
  }

  @Test
  void readerAnswering6700ToExtendedLe_extendedNo_max256() {
    model(ReaderCards::refusesExtendedLe, TransportCapabilities.extended(65535, 8192), t -> t);
    JsonNode j = new CliRunner().run("--virtual", "--json", "doctor", "--probe").json();
    assertThat(j.get("extended").asBoolean()).isFalse();
    assertThat(j.get("maxResponse").asInt()).isEqualTo(256);
    assertThat(j.get("steps")).hasSize(1);
    assertThat(j.get("steps").get(0).get("result").asText()).isEqualTo("SW 6700");
    assertOnlySelectsAndReads();
  }

  @Test
  void readerCuttingResponsesAt1000Bytes_provesUpTo512_stopsAtTheCut() {
    model(c -> ReaderCards.truncatesLongResponses(c, 1000), TransportCapabilities.extended(65535, 8192), t -> t);
    JsonNode j = new CliRunner().run("--virtual", "--json", "doctor", "--probe").json();
    assertThat(j.get("maxResponse").asInt()).isEqualTo(512);
    assertThat(j.get("extended").asBoolean()).isTrue();
    assertThat(j.get("steps").get(1).get("result").asText()).isEqualTo("cut short");
  }

  @Test
  void ccidReaderWith271ByteBuffer_transportErrorAtTheFirstExtendedRead() {
    model(c -> c, TransportCapabilities.extended(65535, 8192), t -> ReaderTransports.ccidShortBuffer(t, 271));
    JsonNode j = new CliRunner().run("--virtual", "--json", "doctor", "--probe").json();
    assertThat(j.get("extended").asBoolean()).isFalse();
    assertThat(j.get("steps").get(0).get("result").asText()).isEqualTo("transport error IO_ERROR");
  }

  @Test
  void shortOnlyConnection_extendedNotTried() {
    model(c -> c, TransportCapabilities.shortOnly(), t -> t);
    CliRunner.Result r = new CliRunner().run("--virtual", "doctor", "--probe");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("maxResponse=256", "extended=no");
    assertThat(sent).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(261));
  }
}
