// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.pcsc.PcscException.Kind;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.pcsc.PcscTransport.Options;
import dev.jpki.pcsc.PcscTransport.Protocol;
import dev.jpki.pcsc.fake.ApduHandler;
import dev.jpki.pcsc.fake.FakeCard;
import dev.jpki.pcsc.fake.FakeTerminal;
import dev.jpki.pcsc.fake.Pcsc;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.CardException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcscTransportTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  static final byte[] SELECT_JPKI = HEX.parseHex("00A4040C0AD392F000260100000001");
  static final byte[] EXTENDED_SELECT_JPKI = HEX.parseHex("00A4040C00000AD392F000260100000001");
  private static final Options SHORT = Options.builder().extendedLength(ExtendedLength.NEVER).build();
  private static final Options EXTENDED = Options.builder().extendedLength(ExtendedLength.ALWAYS).build();

  /** A card that answers 9000 to everything and appends a marker byte so responses are recognisable. */
  private static final ApduHandler OK_CARD = c -> new byte[] {0x42, (byte) 0x90, 0x00};

  private static ApduHandler failing(String code) {
    return c -> {
      throw Pcsc.failure("transmit() failed", code);
    };
  }

  @Nested
  class Transceive {
    @Test
    void transceive_anyCommand_sendsBytesUnchangedAndReturnsResponse() throws Exception {
      List<byte[]> seen = new ArrayList<>();
      FakeTerminal reader = new FakeTerminal("R", c -> {
        seen.add(c);
        return HEX.parseHex("0102039000");
      });
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        byte[] response = t.transceive(SELECT_JPKI);

        assertThat(response).containsExactly(HEX.parseHex("0102039000"));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsExactly(SELECT_JPKI);
      }
    }

    @ParameterizedTest
    @CsvSource({
      "SCARD_W_REMOVED_CARD, CARD_REMOVED, CARD_REMOVED",
      "SCARD_E_NO_SMARTCARD, CARD_REMOVED, CARD_REMOVED",
      "SCARD_E_SHARING_VIOLATION, SHARING_VIOLATION, SHARING_VIOLATION",
      "SCARD_E_INSUFFICIENT_BUFFER, RESPONSE_TOO_LONG, LENGTH_LIMIT",
      "SCARD_E_NO_SERVICE, SERVICE_NOT_RUNNING, SERVICE_UNAVAILABLE",
      "SCARD_E_SERVICE_STOPPED, SERVICE_NOT_RUNNING, SERVICE_UNAVAILABLE",
      "SCARD_E_READER_UNAVAILABLE, READER_GONE, READER_UNAVAILABLE",
      "SCARD_E_UNKNOWN_READER, READER_GONE, READER_UNAVAILABLE",
      "SCARD_W_RESET_CARD, CARD_RESET, CARD_RESET",
      "SCARD_E_NOT_TRANSACTED, COMMUNICATION_ERROR, IO_ERROR",
      "SCARD_F_COMM_ERROR, COMMUNICATION_ERROR, IO_ERROR",
      "SCARD_W_UNRESPONSIVE_CARD, COMMUNICATION_ERROR, IO_ERROR",
      "SCARD_E_TIMEOUT, TIMEOUT, TIMEOUT",
      "SCARD_E_PROTO_MISMATCH, PROTOCOL_MISMATCH, IO_ERROR",
      "SCARD_F_UNKNOWN_ERROR, COMMUNICATION_ERROR, IO_ERROR"
    })
    void transceive_pcscError_throwsTypedExceptionWithCode(String code, Kind kind, Reason reason)
        throws Exception {
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("R", failing(code)), SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.pcscCode()).contains(code);
        assertThat(e.getMessage()).contains(code).contains("'R'");
        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(e.getCause()).isInstanceOf(CardException.class);
      }
    }

    @Test
    void transceive_serviceGone_messageSaysHowToStartPcscdOnEachOs() throws Exception {
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("R", failing("SCARD_E_NO_SERVICE")), SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));

        assertThat(e.getMessage())
            .startsWith("PC/SC service not running (start pcscd)")
            .contains("sudo systemctl start pcscd")
            .contains("macOS")
            .contains("\"Smart Card\" service");
      }
    }

    @Test
    void transceive_sharingViolation_messageSaysToCloseOtherPrograms() throws Exception {
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("R", failing("SCARD_E_SHARING_VIOLATION")), SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));

        assertThat(e.getMessage()).contains("Another program is using the card").contains("Close other");
      }
    }

    @Test
    void transceive_responseOver8192Bytes_throwsResponseTooLong() throws Exception {
      // SunPCSC's ChannelImpl.transmit(ByteBuffer, ByteBuffer) overflows the caller's buffer when its
      // own GET RESPONSE handling joined more than the buffer holds.
      FakeTerminal reader = new FakeTerminal("R", c -> new byte[PcscTransport.MAX_RESPONSE_LENGTH + 1]);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));

        assertThat(e.kind()).isEqualTo(Kind.RESPONSE_TOO_LONG);
        assertThat(e.reason()).isEqualTo(Reason.LENGTH_LIMIT);
        assertThat(e.getMessage()).contains("8192").contains("8190");
      }
    }

    @Test
    void transceive_response8192Bytes_returnsAll() throws Exception {
      byte[] big = new byte[PcscTransport.MAX_RESPONSE_LENGTH];
      big[0] = 0x30;
      big[big.length - 2] = (byte) 0x90;
      FakeTerminal reader = new FakeTerminal("R", c -> big);
      try (PcscTransport t = PcscTransport.connect(reader, EXTENDED)) {
        assertThat(t.transceive(HEX.parseHex("00B00000000000"))).containsExactly(big);
      }
    }

    @Test
    void transceive_cardPulledOut_throwsCardRemoved() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        reader.remove();

        PcscException first = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));
        assertThat(first.kind()).isEqualTo(Kind.CARD_REMOVED);
        assertThat(first.getMessage()).contains("removed").contains("Put the card back");
      }
    }

    @Test
    void transceive_sunPcscSaysCardHasBeenRemoved_throwsCardRemoved() throws Exception {
      // After one SCARD_W_REMOVED_CARD, SunPCSC's CardImpl.checkState throws IllegalStateException.
      FakeTerminal reader = new FakeTerminal("R", c -> {
        throw new IllegalStateException("Card has been removed");
      });
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));

        assertThat(e.kind()).isEqualTo(Kind.CARD_REMOVED);
        assertThat(e.reason()).isEqualTo(Reason.CARD_REMOVED);
      }
    }

    @Test
    void transceive_afterClose_throwsClosedAndSendsNothing() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      PcscTransport t = PcscTransport.connect(reader, SHORT);
      t.close();

      PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));

      assertThat(e.kind()).isEqualTo(Kind.CLOSED);
      assertThat(e.reason()).isEqualTo(Reason.CLOSED);
      assertThat(reader.lastConnection().commands()).isEmpty();
    }

    @Test
    void transceive_extendedCommandOnShortOnlyConnection_refusedBeforeTheReader() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(EXTENDED_SELECT_JPKI));

        assertThat(e.kind()).isEqualTo(Kind.COMMAND_TOO_LONG);
        assertThat(e.reason()).isEqualTo(Reason.LENGTH_LIMIT);
        assertThat(reader.lastConnection().commands()).isEmpty();
      }
    }

    @Test
    void transceive_commandLongerThanMax_refused() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        byte[] tooLong = new byte[TransportCapabilities.SHORT_MAX_COMMAND + 1];
        tooLong[4] = (byte) 0xFF;

        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(tooLong));

        assertThat(e.kind()).isEqualTo(Kind.COMMAND_TOO_LONG);
        assertThat(e.getMessage()).contains("262").contains("261");
      }
    }

    @Test
    void transceive_shorterThanHeader_throwsIllegalArgument() throws Exception {
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("R", OK_CARD), SHORT)) {
        assertThatThrownBy(() -> t.transceive(new byte[] {0x00, (byte) 0xA4, 0x04}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at least 4 bytes, got 3");
      }
    }

    @Test
    void transceive_manageChannel_throwsIllegalArgument() throws Exception {
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("R", OK_CARD), SHORT)) {
        assertThatThrownBy(() -> t.transceive(HEX.parseHex("0070000001")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("channel 0");
      }
    }

    @Test
    void transceive_readerReturnsOneByte_throwsCommunicationError() throws Exception {
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("R", c -> new byte[] {0x6A}), SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));

        assertThat(e.kind()).isEqualTo(Kind.COMMUNICATION_ERROR);
        assertThat(e.getMessage()).contains("1 bytes");
      }
    }

    @Test
    void transceive_verifyFailsMidway_exceptionMessageHasNoCommandData() throws Exception {
      byte[] verify = HEX.parseHex("00200080083132333435363738"); // PIN "12345678"
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("R", failing("SCARD_W_REMOVED_CARD")), SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(verify));

        assertThat(e.getMessage()).contains("00 20 00 80");
        assertThat(e.getMessage()).doesNotContain("31 32").doesNotContain("3132").doesNotContain("1234");
        assertThat(t.toString()).doesNotContain("3132").doesNotContain("1234");
      }
    }
  }

  @Nested
  class Connect {
    @Test
    void connect_emptyReader_throwsNoCard() {
      PcscException e = catchThrowableOfType(PcscException.class, () -> PcscTransport.connect(new FakeTerminal("Empty")));

      assertThat(e.kind()).isEqualTo(Kind.NO_CARD);
      assertThat(e.reason()).isEqualTo(Reason.NO_CARD);
      assertThat(e.getMessage()).contains("'Empty'").contains("Insert the My Number Card");
    }

    @Test
    void connect_cardHeldByAnotherProgram_throwsSharingViolation() {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      reader.failNextConnect(Pcsc.failure("connect() failed", "SCARD_E_SHARING_VIOLATION"));

      PcscException e = catchThrowableOfType(PcscException.class, () -> PcscTransport.connect(reader));

      assertThat(e.kind()).isEqualTo(Kind.SHARING_VIOLATION);
      assertThat(e.reason()).isEqualTo(Reason.SHARING_VIOLATION);
    }

    @ParameterizedTest
    @CsvSource({"T1, T=1", "T0, T=0", "ANY, *"})
    void connect_protocolOption_passedToReader(Protocol protocol, String pcscName) throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);

      PcscTransport.connect(reader, SHORT.newBuilder().protocol(protocol).build()).close();

      assertThat(reader.requestedProtocols()).containsExactly(pcscName);
    }

    @Test
    void connect_neverExtended_shortOnlyWithoutProbe() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        assertThat(t.capabilities()).isEqualTo(TransportCapabilities.shortOnly());
        assertThat(reader.lastConnection().commands()).isEmpty();
      }
    }

    @Test
    void connect_alwaysExtended_extendedWith8192ResponseCapWithoutProbe() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, EXTENDED)) {
        assertThat(t.capabilities().extendedLength()).isTrue();
        assertThat(t.capabilities().maxResponseLength()).isEqualTo(8192);
        assertThat(t.capabilities().maxResponseData()).isEqualTo(8190);
        assertThat(reader.lastConnection().commands()).isEmpty();
      }
    }

    @Test
    void connect_prove_shortUntilProven_upTo8190_withoutProbe() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader,
          Options.builder().extendedLength(ExtendedLength.PROVE).build())) {
        assertThat(t.capabilities().sizing()).isEqualTo(dev.jpki.apdu.ExtendedLength.PROVE);
        assertThat(t.capabilities().maxResponseData()).isEqualTo(8190);
        assertThat(reader.lastConnection().commands()).isEmpty();
      }
    }

    @Test
    void connect_auto_sendsNothing_readsShort_allowsExtendedCommands() throws Exception {
      // Extended length is a reader property a SELECT cannot prove (docs/card-protocol.md §16): no probe.
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader)) {
        assertThat(t.capabilities().maxResponseData()).isEqualTo(256);
        assertThat(t.capabilities().extendedLength()).isTrue();
        assertThat(reader.connections()).hasSize(1);
        assertThat(reader.lastConnection().commands()).isEmpty();
      }
    }

    @Test
    void cardReset_reconnects_reportsCardResetOnce_thenWorks() throws Exception {
      java.util.concurrent.atomic.AtomicBoolean resetOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
      FakeTerminal reader = new FakeTerminal("R", c -> {
        if (resetOnce.getAndSet(false)) {
          throw Pcsc.failure("transmit() failed", "SCARD_W_RESET_CARD");
        }
        return HEX.parseHex("9000");
      });
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        PcscException e = catchThrowableOfType(PcscException.class, () -> t.transceive(SELECT_JPKI));
        assertThat(e.kind()).isEqualTo(Kind.CARD_RESET);
        assertThat(e.reason()).isEqualTo(Reason.CARD_RESET);
        assertThat(e.getMessage()).contains("verified PINs are lost");
        assertThat(reader.connections()).hasSize(2);
        assertThat(reader.connections().get(0).events()).containsExactly("disconnect(leave)");
        assertThat(t.transceive(SELECT_JPKI)).containsExactly(0x90, 0x00);
        assertThat(reader.connections().get(1).commands()).hasSize(1);
      }
    }

    @Test
    void connect_t0Card_shortOnlyWithoutProbeEvenWhenAlways() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      reader.negotiate("T=0");
      try (PcscTransport t = PcscTransport.connect(reader, EXTENDED)) {
        assertThat(t.capabilities()).isEqualTo(TransportCapabilities.shortOnly());
        assertThat(t.protocol()).isEqualTo("T=0");
        assertThat(reader.lastConnection().commands()).isEmpty();
      }
    }

    @Test
    void connect_readerAlreadyOpenInThisJvm_throwsSharingViolationUntilClosed() throws Exception {
      FakeTerminal reader = new FakeTerminal("Shared", OK_CARD);
      PcscTransport first = PcscTransport.connect(reader, SHORT);

      PcscException e = catchThrowableOfType(PcscException.class, () -> PcscTransport.connect(reader, SHORT));
      assertThat(e.kind()).isEqualTo(Kind.SHARING_VIOLATION);
      assertThat(e.getMessage()).contains("already has an open connection to 'Shared'");
      assertThat(reader.connections()).hasSize(1);
      assertThat(first.isClosed()).isFalse();

      first.close();
      PcscTransport.connect(reader, SHORT).close();
      assertThat(reader.connections()).hasSize(2);
    }

    @Test
    void connect_failedConnect_doesNotBlockTheReaderAfterwards() throws Exception {
      FakeTerminal reader = new FakeTerminal("Later");
      assertThat(catchThrowableOfType(PcscException.class, () -> PcscTransport.connect(reader)).kind()).isEqualTo(Kind.NO_CARD);

      reader.insert(OK_CARD);

      PcscTransport.connect(reader, SHORT).close();
    }

    @Test
    void connect_accessors_reportReaderProtocolAndAtr() throws Exception {
      try (PcscTransport t = PcscTransport.connect(new FakeTerminal("Virtual PCD 00 00", OK_CARD), SHORT)) {
        assertThat(t.readerName()).isEqualTo("Virtual PCD 00 00");
        assertThat(t.protocol()).isEqualTo("T=1");
        assertThat(t.atr()).containsExactly(FakeCard.ATR_BYTES);
        assertThat(t.toString()).contains("Virtual PCD 00 00").contains("short");
      }
    }
  }

  @Nested
  class CloseAndExclusive {
    @Test
    void close_leavesTheCardAsItIs_once() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      PcscTransport t = PcscTransport.connect(reader, SHORT);

      t.close();
      t.close();

      assertThat(t.isClosed()).isTrue();
      assertThat(reader.lastConnection().events()).containsExactly("disconnect(leave)");
    }

    @Test
    void close_withResetOnClose_resetsTheCard() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      PcscTransport t = PcscTransport.connect(reader, SHORT.newBuilder().resetOnClose(true).build());

      t.close();

      assertThat(reader.lastConnection().events()).containsExactly("disconnect(reset)");
    }

    @Test
    void close_disconnectFails_doesNotThrow() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      PcscTransport t = PcscTransport.connect(reader, SHORT);
      reader.lastConnection().failDisconnectWith(new IllegalStateException("boom"));

      t.close();

      assertThat(t.isClosed()).isTrue();
    }

    @Test
    void close_whileExclusive_endsExclusiveBeforeDisconnect() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      PcscTransport t = PcscTransport.connect(reader, SHORT);
      t.beginExclusive();

      t.close();

      assertThat(reader.lastConnection().events()).containsExactly("beginExclusive", "endExclusive", "disconnect(leave)");
      assertThat(t.isExclusive()).isFalse();
    }

    @Test
    void beginExclusive_nested_onlyOutermostPairReachesPcsc() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        t.beginExclusive();
        t.beginExclusive();
        t.transceive(SELECT_JPKI);
        t.endExclusive();
        assertThat(t.isExclusive()).isTrue();
        t.endExclusive();
        t.endExclusive(); // unmatched: ignored

        assertThat(t.isExclusive()).isFalse();
        assertThat(reader.lastConnection().events()).containsExactly("beginExclusive", "endExclusive");
      }
    }

    @Test
    void beginExclusive_nested_holdsOnce_extraEndIsHarmless() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        t.beginExclusive();
        t.beginExclusive();
        t.endExclusive();
        assertThat(t.isExclusive()).isTrue();
        t.endExclusive();
        t.endExclusive();

        assertThat(t.isExclusive()).isFalse();
        assertThat(reader.lastConnection().events()).containsExactly("beginExclusive", "endExclusive");
      }
    }

    @Test
    void beginExclusive_otherProgramHoldsCard_throwsSharingViolationAndHoldsNothing() throws Exception {
      FakeTerminal reader = new FakeTerminal("R", OK_CARD);
      try (PcscTransport t = PcscTransport.connect(reader, SHORT)) {
        reader.lastConnection().failBeginExclusiveWith(Pcsc.failure("beginExclusive() failed", "SCARD_E_SHARING_VIOLATION"));

        PcscException e = catchThrowableOfType(PcscException.class, t::beginExclusive);

        assertThat(e.kind()).isEqualTo(Kind.SHARING_VIOLATION);
        assertThat(t.isExclusive()).isFalse();
      }
    }

    @Test
    void beginExclusive_afterClose_throwsClosed() throws Exception {
      PcscTransport t = PcscTransport.connect(new FakeTerminal("R", OK_CARD), SHORT);
      t.close();

      assertThat(catchThrowableOfType(PcscException.class, t::beginExclusive).kind()).isEqualTo(Kind.CLOSED);
    }
  }
}
