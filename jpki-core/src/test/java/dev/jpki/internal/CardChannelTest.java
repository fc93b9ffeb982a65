// SPDX-License-Identifier: Apache-2.0
package dev.jpki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.MalformedResponseException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.apdu.TracingTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardChannelTest {

  /** A one-EF card: READ BINARY returns min(Le, size - offset) bytes, 6B00 past the end (docs/card-protocol.md §12.3). */
  static final class OneFileCard implements CardTransport {
    final byte[] file;
    final TransportCapabilities caps;
    final List<byte[]> commands = new ArrayList<>();

    OneFileCard(byte[] file, TransportCapabilities caps) {
      this.file = file;
      this.caps = caps;
    }

    @Override
    public byte[] transceive(byte[] command) {
      commands.add(command);
      Apdu a = Apdu.parse(command);
      if (a.ins() != 0xB0) {
        return Hex.decode("9000");
      }
      int off = (a.p1() << 8) | a.p2();
      if (off >= file.length) {
        return Hex.decode("6B00");
      }
      int n = Math.min(a.ne(), file.length - off);
      return new Response(Arrays.copyOfRange(file, off, off + n), 0x9000).encode();
    }

    @Override
    public TransportCapabilities capabilities() {
      return caps;
    }

    @Override
    public void close() {}
  }

  /** Answers from a queue and records what was sent. */
  static class QueueTransport implements CardTransport {
    final Deque<Object> answers = new ArrayDeque<>();
    final List<String> sent = new ArrayList<>();

    QueueTransport answer(String hex) {
      answers.add(hex);
      return this;
    }

    QueueTransport fail(TransportException e) {
      answers.add(e);
      return this;
    }

    @Override
    public byte[] transceive(byte[] command) throws TransportException {
      sent.add(Hex.encode(command));
      Object next = answers.remove();
      if (next instanceof TransportException) {
        throw (TransportException) next;
      }
      return Hex.decode((String) next);
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.extended(65544, 65538);
    }

    @Override
    public void close() {}
  }

  static byte[] certLike(int valueLength, int filler) {
    byte[] f = new byte[4 + valueLength + filler];
    f[0] = 0x30;
    f[1] = (byte) 0x82;
    f[2] = (byte) (valueLength >> 8);
    f[3] = (byte) valueLength;
    for (int i = 4; i < 4 + valueLength; i++) {
      f[i] = (byte) i;
    }
    Arrays.fill(f, 4 + valueLength, f.length, (byte) 0xFF);
    return f;
  }

  @Nested
  class ReadTlvFile {
    @ParameterizedTest(name = "{0} value bytes, extended={1} -> {2} APDUs")
    @CsvSource({
      "1200, true,  1",
      "1200, false, 5",
      "252,  false, 1",
      "253,  false, 2",
      "8186, true,  1",
      "8187, true,  2",
    })
    void readTlvFile_readsExactlyTheTlvInTheFewestApdus(int valueLength, boolean extended, int apdus) throws Exception {
      byte[] file = certLike(valueLength, 20);
      OneFileCard card = new OneFileCard(file,
          extended ? TransportCapabilities.extended(65544, 8192) : TransportCapabilities.shortOnly());
      byte[] read = new CardChannel(card).readTlvFile("EF 000A");
      assertThat(read).isEqualTo(Arrays.copyOf(file, 4 + valueLength));
      assertThat(card.commands).hasSize(apdus);
    }

    @ParameterizedTest(name = "header first: {0} value bytes, extended={1} -> {2} APDUs")
    @CsvSource({
      "1200, true,  2",
      "1200, false, 5",
      "200,  true,  1",
      "252,  true,  1",
      "253,  true,  2",
    })
    void readTlvFile_headerFirst_readsOneShortChunkThenExactlyTheRest(int valueLength, boolean extended, int apdus)
        throws Exception {
      byte[] file = certLike(valueLength, 800); // a padded EF: filler after the TLV
      OneFileCard card = new OneFileCard(file,
          extended ? TransportCapabilities.extended(65544, 8192) : TransportCapabilities.shortOnly());
      byte[] read = new CardChannel(card, ReadStrategy.HEADER_FIRST).readTlvFile("EF 000A");
      assertThat(read).isEqualTo(Arrays.copyOf(file, 4 + valueLength));
      assertThat(card.commands).hasSize(apdus);
      assertThat(Hex.encode(card.commands.get(0))).isEqualTo("00B0000000"); // one short chunk first
      if (extended && apdus == 2) {
        // then exactly the rest from offset 256 (extended Le only when the rest needs it)
        int rest = 4 + valueLength - 256;
        assertThat(Hex.encode(card.commands.get(1))).isEqualTo(rest > 256
            ? String.format("00B0010000%04X", rest) : String.format("00B00100%02X", rest));
      }
    }

    @Test
    void readTlvFile_largestChunk_asksForTheLargestChunkFirst() throws Exception {
      OneFileCard card = new OneFileCard(certLike(1200, 800), TransportCapabilities.extended(65544, 8192));
      byte[] read = new CardChannel(card, ReadStrategy.LARGEST_CHUNK).readTlvFile("EF 000A");
      assertThat(read).hasSize(1204);
      assertThat(card.commands).hasSize(1);
      assertThat(card.commands.get(0)).hasSize(7); // extended Le
    }

    @Test
    void readStrategy_property_overridesTheDefault_unknownValueKeepsIt() {
      String before = System.getProperty(ReadStrategy.PROPERTY);
      try {
        System.setProperty(ReadStrategy.PROPERTY, "header-first");
        assertThat(ReadStrategy.current()).isEqualTo(ReadStrategy.HEADER_FIRST);
        System.setProperty(ReadStrategy.PROPERTY, "LARGEST-CHUNK");
        assertThat(ReadStrategy.current()).isEqualTo(ReadStrategy.LARGEST_CHUNK);
        System.setProperty(ReadStrategy.PROPERTY, "fastest");
        assertThat(ReadStrategy.current()).isEqualTo(ReadStrategy.DEFAULT);
      } finally {
        if (before == null) {
          System.clearProperty(ReadStrategy.PROPERTY);
        } else {
          System.setProperty(ReadStrategy.PROPERTY, before);
        }
      }
    }

    @Test
    void readTlvFile_shortReads_lastChunkHasExactLe() throws Exception {
      OneFileCard card = new OneFileCard(certLike(1200, 0), TransportCapabilities.shortOnly());
      new CardChannel(card).readTlvFile("EF 000A");
      assertThat(Hex.encode(card.commands.get(0))).isEqualTo("00B0000000");
      assertThat(Hex.encode(card.commands.get(4))).isEqualTo("00B00400B4"); // 1204 - 1024 = 180
    }

    @Test
    void readTlvFile_fileShorterThanHeaderSays_isMalformedWithOffset() {
      byte[] file = Arrays.copyOf(certLike(1200, 0), 700);
      OneFileCard card = new OneFileCard(file, TransportCapabilities.shortOnly());
      assertThatThrownBy(() -> new CardChannel(card).readTlvFile("EF 000A"))
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("EF 000A at offset 700");
    }

    @Test
    void readTlvFile_garbageHeader_isMalformed() {
      OneFileCard card = new OneFileCard(Hex.decode("3080FFFF"), TransportCapabilities.shortOnly());
      assertThatThrownBy(() -> new CardChannel(card).readTlvFile("EF 0002"))
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("EF 0002")
          .hasMessageContaining("indefinite");
    }

    @Test
    void readFixed_readsPhysicalBytesIncludingFiller() throws Exception {
      byte[] ef = Hex.decode("FF100C313233343536373839303138FFFF");
      OneFileCard card = new OneFileCard(ef, TransportCapabilities.shortOnly());
      assertThat(new CardChannel(card).readFixed(17, "text EF 0001")).isEqualTo(ef);
      assertThat(card.commands).hasSize(1);
    }
  }

  /**
   * {@link dev.jpki.apdu.ExtendedLength#PROVE}: short reads until one extended READ BINARY of the rest of an
   * object, whose size the first chunk's header gave, came back complete (docs/card-protocol.md §16).
   */
  @Nested
  class ProveSizing {
    private final TransportCapabilities prove = TransportCapabilities.proveExtended(65544, 8192);

    @Test
    void firstLargeObject_oneShortReadThenTheRestInOneExtendedRead_laterObjectsExtended() throws Exception {
      byte[] file = certLike(1200, 20);
      OneFileCard card = new OneFileCard(file, prove);
      CardChannel channel = new CardChannel(card);
      assertThat(channel.maxChunk()).isEqualTo(256);
      assertThat(channel.readTlvFile("EF 000A")).isEqualTo(Arrays.copyOf(file, 1204));
      assertThat(card.commands).extracting(Hex::encode)
          .containsExactly("00B0000000", "00B0010000" + "03B4"); // 1204 - 256 = 948 = 0x03B4, extended Le
      assertThat(channel.provenResponseData()).isEqualTo(948);
      assertThat(channel.fellBackToShortReads()).isFalse();
      assertThat(channel.maxChunk()).isEqualTo(8190);
      card.commands.clear();
      assertThat(channel.readTlvFile("EF 000A")).isEqualTo(Arrays.copyOf(file, 1204));
      assertThat(card.commands).extracting(Hex::encode).containsExactly("00B00000001FFE");
    }

    @Test
    void objectsThatFitInTwoShortReads_proveNothing_stayShort() throws Exception {
      OneFileCard card = new OneFileCard(certLike(400, 0), prove);
      CardChannel channel = new CardChannel(card);
      channel.readTlvFile("EF 0002");
      assertThat(card.commands).extracting(Hex::encode).containsExactly("00B0000000", "00B0010094");
      assertThat(channel.provenResponseData()).isZero();
      assertThat(channel.maxChunk()).isEqualTo(256);
    }

    @Test
    void readerFailingTheProvingExchange_fallsBackOnce_correctBytes_shortFromThenOn() throws Exception {
      byte[] file = certLike(1200, 0);
      OneFileCard inner = new OneFileCard(file, prove);
      CardTransport ccid = new CardTransport() {
        @Override
        public byte[] transceive(byte[] command) throws TransportException {
          byte[] r = inner.transceive(command);
          if (r.length > 271) {
            throw new TransportException(TransportException.Reason.IO_ERROR, "card not transacted");
          }
          return r;
        }

        @Override
        public TransportCapabilities capabilities() {
          return prove;
        }

        @Override
        public void close() {}
      };
      CardChannel channel = new CardChannel(ccid);
      assertThat(channel.readTlvFile("EF 000A")).isEqualTo(file);
      assertThat(inner.commands).extracting(Hex::encode).containsExactly(
          "00B0000000", "00B00100000" + "3B4", "00B0010000", "00B0020000", "00B0030000", "00B00400B4");
      assertThat(channel.fellBackToShortReads()).isTrue();
      assertThat(channel.provenResponseData()).isZero();
      inner.commands.clear();
      channel.readTlvFile("EF 000A");
      assertThat(inner.commands).allSatisfy(c -> assertThat(c).hasSize(5));
    }

    @Test
    void provingAnswerCutShortWith9000_isNoProof_fallsBack_correctBytes() throws Exception {
      byte[] file = certLike(1200, 0);
      QueueTransport t = new QueueTransport() {
        @Override
        public TransportCapabilities capabilities() {
          return prove;
        }
      };
      t.answer(Hex.encode(Arrays.copyOfRange(file, 0, 256)) + "9000")
          .answer(Hex.encode(Arrays.copyOfRange(file, 256, 512)) + "9000"); // asked 948, got 256
      for (int off = 256; off < 1204; off += 256) {
        t.answer(Hex.encode(Arrays.copyOfRange(file, off, Math.min(off + 256, 1204))) + "9000");
      }
      CardChannel channel = new CardChannel(t);
      assertThat(channel.readTlvFile("EF 000A")).isEqualTo(file);
      assertThat(channel.fellBackToShortReads()).isTrue();
      assertThat(channel.provenResponseData()).isZero();
      // 1 short, the cut extended one, then the 948 bytes again in 4 short reads: nothing is taken from
      // the answer that was cut
      assertThat(t.sent).hasSize(6);
      assertThat(t.sent.get(2)).isEqualTo("00B0010000");
    }

    @Test
    void provingExchangeAnswered6700_fallsBack() throws Exception {
      byte[] file = certLike(1200, 0);
      QueueTransport t = new QueueTransport() {
        @Override
        public TransportCapabilities capabilities() {
          return prove;
        }
      };
      t.answer(Hex.encode(Arrays.copyOfRange(file, 0, 256)) + "9000").answer("6700");
      for (int off = 256; off < 1204; off += 256) {
        t.answer(Hex.encode(Arrays.copyOfRange(file, off, Math.min(off + 256, 1204))) + "9000");
      }
      CardChannel channel = new CardChannel(t);
      assertThat(channel.readTlvFile("EF 000A")).isEqualTo(file);
      assertThat(channel.fellBackToShortReads()).isTrue();
      assertThat(t.sent).hasSize(6);
    }

    @Test
    void cardResetDuringTheProvingExchange_isReported_notRetried_laterReadsShort() {
      byte[] file = certLike(1200, 0);
      QueueTransport t = new QueueTransport() {
        @Override
        public TransportCapabilities capabilities() {
          return prove;
        }
      };
      t.answer(Hex.encode(Arrays.copyOfRange(file, 0, 256)) + "9000")
          .fail(new TransportException(TransportException.Reason.CARD_RESET, "reset"));
      CardChannel channel = new CardChannel(t);
      assertThatThrownBy(() -> channel.readTlvFile("EF 000A"))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_RESET));
      assertThat(t.sent).hasSize(2);
      assertThat(channel.maxChunk()).isEqualTo(256);
    }

    @Test
    void proveNeedsSomethingToProve() {
      assertThatThrownBy(() -> TransportCapabilities.proveExtended(65535, 258))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(prove.sizing()).isEqualTo(dev.jpki.apdu.ExtendedLength.PROVE);
      assertThat(TransportCapabilities.extended(65535, 258).sizing()).isEqualTo(dev.jpki.apdu.ExtendedLength.AUTO);
      assertThat(TransportCapabilities.extended(65535, 8192).sizing()).isEqualTo(dev.jpki.apdu.ExtendedLength.ALWAYS);
      assertThat(prove).isNotEqualTo(TransportCapabilities.extended(65544, 8192));
    }
  }

  @Nested
  class StatusHandling {
    @Test
    void transmit_61xx_joinsGetResponse() throws Exception {
      QueueTransport t = new QueueTransport().answer("01026103").answer("0304059000");
      Response r = new CardChannel(t).transmit(Apdu.of(0x80, 0x2A, 0, 0x80, new byte[] {1}, 256));
      assertThat(r.data()).containsExactly(1, 2, 3, 4, 5);
      assertThat(r.sw()).isEqualTo(0x9000);
      assertThat(t.sent.get(1)).isEqualTo("00C0000003");
    }

    @Test
    void transmit_6Cxx_reissuesWithThatLe() throws Exception {
      QueueTransport t = new QueueTransport().answer("6C05").answer("01020304059000");
      Response r = new CardChannel(t).transmit(Apdu.of(0x00, 0xB0, 0, 0, new byte[0], 4));
      assertThat(r.dataLength()).isEqualTo(5);
      assertThat(t.sent).containsExactly("00B0000004", "00B0000005");
    }

    @ParameterizedTest(name = "INS {0}")
    @CsvSource({"20", "24"})
    void transmit_6Cxx_afterACommandCarryingAPin_isNotReissued(String ins) throws Exception {
      // Found by FaultInjectionTest: re-issuing with the suggested Le sent the PIN a second time.
      QueueTransport t = new QueueTransport().answer("6C08").answer("9000");
      Response r = new CardChannel(t).transmit(
          Apdu.of(0x00, Integer.parseInt(ins, 16), 0, 0x80, new byte[] {'1', '2', '3', '4'}, 0).asSensitive());
      assertThat(r.sw()).isEqualTo(0x6C08);
      assertThat(t.sent).hasSize(1);
    }

    @Test
    void readBinary_6982_isSecurityStatusException() {
      QueueTransport t = new QueueTransport().answer("6982");
      assertThatThrownBy(() -> new CardChannel(t).readBinary(0, 256, "JPKI EF 0001"))
          .isInstanceOf(SecurityStatusException.class)
          .hasMessageContaining("JPKI EF 0001");
    }

    @Test
    void transmit_verifyInterrupted_reportsOutcomeUnknown() {
      QueueTransport t = new QueueTransport()
          .fail(new TransportException(TransportException.Reason.CARD_REMOVED, "card removed"));
      Apdu verify = Apdu.of(0x00, 0x20, 0x00, 0x80, new byte[] {0x31, 0x32, 0x33, 0x34}, 0).asSensitive();
      assertThatThrownBy(() -> new CardChannel(t).transmit(verify))
          .isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.reason()).isEqualTo(TransportException.Reason.CARD_REMOVED);
          })
          .hasMessageContaining("unknown")
          .hasMessageNotContaining("1234");
    }

    @Test
    void transmit_readInterrupted_isNotOutcomeUnknown() {
      QueueTransport t = new QueueTransport()
          .fail(new TransportException(TransportException.Reason.CARD_REMOVED, "card removed"));
      assertThatThrownBy(() -> new CardChannel(t).readBinary(0, 4, "EF"))
          .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
    }

    @Test
    void transmit_extendedCommandOnShortTransport_isLengthLimitWithoutSending() {
      OneFileCard card = new OneFileCard(new byte[10], TransportCapabilities.shortOnly());
      assertThatThrownBy(() -> new CardChannel(card).transmit(Apdu.of(0, 0xB0, 0, 0, new byte[0], 1000)))
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.LENGTH_LIMIT));
      assertThat(card.commands).isEmpty();
    }

    @Test
    void transmit_oneByteResponse_isMalformed() {
      QueueTransport t = new QueueTransport().answer("90");
      assertThatThrownBy(() -> new CardChannel(t).transmit(Apdu.of(0, 0xA4, 4, 0x0C)))
          .isInstanceOf(MalformedResponseException.class);
    }
  }

  @Nested
  class Decorators {
    @Test
    void tracing_redactsVerifyDataAndNeverShowsResponseData() throws Exception {
      List<String> lines = new ArrayList<>();
      QueueTransport t = new QueueTransport().answer("9000").answer("3132333435369000");
      CardTransport traced = new TracingTransport(t, lines::add);
      traced.transceive(Hex.decode("002000800431323334"));
      traced.transceive(Hex.decode("00B0000006"));
      assertThat(lines.get(0)).contains("00 20 00 80", "<redacted>", "SW=9000").doesNotContain("31323334");
      assertThat(lines.get(1)).contains("len=6").doesNotContain("313233343536");
    }

    @Test
    void tracing_showsSelectData() throws Exception {
      List<String> lines = new ArrayList<>();
      CardTransport traced = new TracingTransport(new QueueTransport().answer("9000"), lines::add);
      traced.transceive(Hex.decode("00A4020C02000A"));
      assertThat(lines.get(0)).contains("data=000A");
    }

    @Test
    void counting_countsApdusAndBytes() throws Exception {
      CountingTransport c = new CountingTransport(new QueueTransport().answer("9000").answer("019000"));
      c.transceive(Hex.decode("00A4040C"));
      c.transceive(Hex.decode("00B0000001"));
      assertThat(c.apduCount()).isEqualTo(2);
      assertThat(c.bytesSent()).isEqualTo(9);
      assertThat(c.bytesReceived()).isEqualTo(5);
      c.reset();
      assertThat(c.apduCount()).isZero();
    }
  }
}
