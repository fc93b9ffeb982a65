// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import static dev.jpki.android.TestCard.SELECT_AUTH_CERT;
import static dev.jpki.android.TestCard.SELECT_AUTH_KEY;
import static dev.jpki.android.TestCard.SELECT_AUTH_PIN;
import static dev.jpki.android.TestCard.SELECT_JPKI;
import static dev.jpki.android.TestCard.VERIFY_AUTH_PIN;
import static dev.jpki.android.TestCard.data;
import static dev.jpki.android.TestCard.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import android.nfc.Tag;
import android.nfc.TagLostException;
import android.nfc.tech.IsoDep;
import dev.jpki.apdu.ExtendedLength;
import dev.jpki.android.IsoDepTransport.Options;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.mockito.MockedStatic;

/** IsoDep mocked with Mockito's inline mock maker (docs/testing.md §2.2), forwarding to the virtual card. */
class IsoDepTransportTest {
  private static final Options SHORT = Options.builder().extendedLength(ExtendedLength.NEVER).build();
  private static final byte[] EXTENDED_SELECT_JPKI = TestCard.hex("00A4040C00000AD392F000260100000001");
  private static final byte[] MESSAGE = "login challenge 42".getBytes(StandardCharsets.UTF_8);

  private VirtualMyNumberCard card;
  private IsoDep isoDep;
  private final List<byte[]> sent = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    card = TestCard.newCard();
    isoDep = mockIsoDep(card, sent, true, 65279);
  }

  /** An IsoDep whose transceive forwards to the virtual card and records each command. */
  static IsoDep mockIsoDep(VirtualMyNumberCard card, List<byte[]> sent, boolean extended, int maxTransceive)
      throws IOException {
    IsoDep isoDep = mock(IsoDep.class);
    AtomicInteger connected = new AtomicInteger();
    when(isoDep.isConnected()).thenAnswer(inv -> connected.get() > 0);
    org.mockito.Mockito.doAnswer(inv -> {
      connected.set(1);
      return null;
    }).when(isoDep).connect();
    org.mockito.Mockito.doAnswer(inv -> {
      connected.set(0);
      return null;
    }).when(isoDep).close();
    when(isoDep.isExtendedLengthApduSupported()).thenReturn(extended);
    when(isoDep.getMaxTransceiveLength()).thenReturn(maxTransceive);
    when(isoDep.transceive(any(byte[].class))).thenAnswer(inv -> {
      byte[] c = inv.getArgument(0);
      sent.add(c.clone());
      return card.process(c);
    });
    return isoDep;
  }

  @Nested
  class Connect {
    @Test
    void connect_default_setsTenSecondTimeoutAfterConnectBeforeFirstApdu() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, Options.defaults())) {
        t.transceive(SELECT_JPKI);

        InOrder order = inOrder(isoDep);
        order.verify(isoDep).connect();
        order.verify(isoDep).setTimeout(10_000);
        order.verify(isoDep, times(1)).transceive(any(byte[].class)); // ours only: no probe
        assertThat(t.timeoutMillis()).isEqualTo(IsoDepTransport.DEFAULT_TIMEOUT_MILLIS);
      }
    }

    @Test
    void connect_customTimeout_isSetOnIsoDep() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT.newBuilder().timeoutMillis(20_000).build())) {
        verify(isoDep).setTimeout(20_000);
        assertThat(t.timeoutMillis()).isEqualTo(20_000);
      }
    }

    @Test
    void connect_alreadyConnected_doesNotConnectAgainButSetsTimeout() throws Exception {
      isoDep.connect();

      IsoDepTransport.connect(isoDep, SHORT).close();

      verify(isoDep, times(1)).connect();
      verify(isoDep).setTimeout(10_000);
    }

    @Test
    void connect_tag_usesIsoDepOfTag() throws Exception {
      Tag tag = mock(Tag.class);
      try (MockedStatic<IsoDep> st = mockStatic(IsoDep.class)) {
        st.when(() -> IsoDep.get(tag)).thenReturn(isoDep);

        try (IsoDepTransport t = IsoDepTransport.connect(tag)) {
          assertThat(sw(t.transceive(SELECT_JPKI))).isEqualTo(0x9000);
        }
      }
    }

    @Test
    void connect_tagWithoutIsoDep_throwsIoErrorNotAMyNumberCard() {
      Tag felica = mock(Tag.class);
      try (MockedStatic<IsoDep> st = mockStatic(IsoDep.class)) {
        st.when(() -> IsoDep.get(felica)).thenReturn(null);

        TransportException e = catchThrowableOfType(TransportException.class, () -> IsoDepTransport.connect(felica));

        assertThat(e.reason()).isEqualTo(Reason.IO_ERROR);
        assertThat(e.getMessage()).contains("not an ISO-DEP").contains("not a My Number Card");
      }
    }

    @Test
    void connect_tagLostWhileConnecting_throwsCardRemovedAndClosesIsoDep() throws Exception {
      doThrow(mock(TagLostException.class)).when(isoDep).connect();

      TransportException e = catchThrowableOfType(TransportException.class, () -> IsoDepTransport.connect(isoDep, SHORT));

      assertThat(e.reason()).isEqualTo(Reason.CARD_REMOVED);
      verify(isoDep).close();
    }

    @Test
    void connect_ioErrorWhileConnecting_throwsIoError() throws Exception {
      doThrow(new IOException("Transceive failed")).when(isoDep).connect();

      TransportException e = catchThrowableOfType(TransportException.class, () -> IsoDepTransport.connect(isoDep, SHORT));

      assertThat(e.reason()).isEqualTo(Reason.IO_ERROR);
      assertThat(e.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void options_nonPositiveTimeout_throwsIllegalArgument() {
      assertThatThrownBy(() -> Options.builder().timeoutMillis(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timeoutMillis");
    }
  }

  @Nested
  class ExtendedLengthDetection {
    @Test
    void auto_phoneSupportsExtended_shortReads_extendedCommands_noProbe() throws Exception {
      // the largest response a phone delivers is not reported by Android (docs/card-protocol.md §16)
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, Options.defaults())) {
        assertThat(t.capabilities()).isEqualTo(TransportCapabilities.extended(65279, 258));
        assertThat(t.capabilities().maxResponseData()).isEqualTo(256);
        assertThat(sent).isEmpty();
      }
    }

    @Test
    void auto_phoneWithoutExtendedLength_shortOnlyWithoutProbe() throws Exception {
      IsoDep shortPhone = mockIsoDep(card, sent, false, 261);

      try (IsoDepTransport t = IsoDepTransport.connect(shortPhone, Options.defaults())) {
        assertThat(t.capabilities()).isEqualTo(TransportCapabilities.shortOnly());
        assertThat(sent).isEmpty();
      }
    }

    @Test
    void auto_phoneSaysExtendedButMaxTransceiveIsShort_shortOnly() throws Exception {
      IsoDep odd = mockIsoDep(card, sent, true, 261);

      try (IsoDepTransport t = IsoDepTransport.connect(odd, Options.defaults())) {
        assertThat(t.capabilities()).isEqualTo(TransportCapabilities.shortOnly());
        assertThat(sent).isEmpty();
      }
    }

    @Test
    void always_phoneSupports_extendedWithoutProbe() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, Options.builder().extendedLength(ExtendedLength.ALWAYS).build())) {
        assertThat(t.capabilities().extendedLength()).isTrue();
        assertThat(t.capabilities().maxResponseLength()).isEqualTo(IsoDepTransport.SAFE_MAX_RESPONSE_LENGTH);
        assertThat(sent).isEmpty();
      }
    }

    @Test
    void prove_phoneSupports_shortUntilProven_cappedAtTheSafeSize_withoutProbe() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, Options.builder().extendedLength(ExtendedLength.PROVE).build())) {
        assertThat(t.capabilities())
            .isEqualTo(TransportCapabilities.proveExtended(65279, IsoDepTransport.SAFE_MAX_RESPONSE_LENGTH));
        assertThat(sent).isEmpty();
      }
      IsoDep shortPhone = mockIsoDep(card, sent, false, 261);
      try (IsoDepTransport t = IsoDepTransport.connect(shortPhone, Options.builder().extendedLength(ExtendedLength.PROVE).build())) {
        assertThat(t.capabilities()).isEqualTo(TransportCapabilities.shortOnly());
      }
    }

    @Test
    void always_withProvenLargerResponses_raisesTheCap() throws Exception {
      Options o = Options.builder().extendedLength(ExtendedLength.ALWAYS).maxResponseLength(4098).build();
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, o)) {
        assertThat(t.capabilities().maxResponseData()).isEqualTo(4096);
      }
      assertThatThrownBy(() -> Options.builder().maxResponseLength(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void never_phoneSupports_shortOnlyWithoutAskingThePhone() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        assertThat(t.capabilities()).isEqualTo(TransportCapabilities.shortOnly());
        verify(isoDep, never()).isExtendedLengthApduSupported();
        assertThat(sent).isEmpty();
      }
    }
  }

  @Nested
  class RawFlows {
    @Test
    void readCertificate_shortOnlyIsoDep_readsWholeEfIn256ByteChunks() throws Exception {
      IsoDep shortPhone = mockIsoDep(card, sent, false, 261);
      try (IsoDepTransport t = IsoDepTransport.connect(shortPhone, Options.defaults())) {
        assertThat(sw(t.transceive(SELECT_JPKI))).isEqualTo(0x9000);
        assertThat(sw(t.transceive(SELECT_AUTH_CERT))).isEqualTo(0x9000);
        ByteArrayOutputStream cert = new ByteArrayOutputStream();
        while (cert.size() < TestCard.AUTH_CERT.length) {
          int le = Math.min(256, TestCard.AUTH_CERT.length - cert.size());
          byte[] r = t.transceive(TestCard.readBinary(cert.size(), le == 256 ? 0 : le));
          assertThat(sw(r)).isEqualTo(0x9000);
          cert.write(data(r));
        }

        assertThat(cert.toByteArray()).containsExactly(TestCard.AUTH_CERT);
        assertThat(sent).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(TransportCapabilities.SHORT_MAX_COMMAND));
        assertThat(sent).hasSize(2 + 5); // 1200 bytes = 4 x 256 + 176
      }
    }

    @Test
    void readCertificate_extendedIsoDep_readsWholeEfInOneApdu() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, Options.defaults())) {
        t.transceive(SELECT_JPKI);
        t.transceive(SELECT_AUTH_CERT);
        byte[] r = t.transceive(TestCard.readBinaryExtended(0));

        assertThat(sw(r)).isEqualTo(0x9000);
        assertThat(data(r)).containsExactly(TestCard.AUTH_CERT);
      }
    }

    @Test
    void sign_afterVerify_signatureVerifiesWithTheCardKeyAndTimeoutWasSetBeforeRsa() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, Options.defaults())) {
        t.transceive(SELECT_JPKI);
        t.transceive(SELECT_AUTH_PIN);
        assertThat(sw(t.transceive(VERIFY_AUTH_PIN))).isEqualTo(0x9000);
        t.transceive(SELECT_AUTH_KEY);
        byte[] r = t.transceive(TestCard.sign(MESSAGE));

        assertThat(sw(r)).isEqualTo(0x9000);
        assertThat(data(r)).hasSize(256);
        assertThat(TestCard.verifies(MESSAGE, data(r))).isTrue();
        InOrder order = inOrder(isoDep);
        order.verify(isoDep).setTimeout(10_000);
        order.verify(isoDep).transceive(argThat(TestCard::isSign));
      }
    }

    @Test
    void sign_withoutVerify_cardAnswers6982() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        t.transceive(SELECT_JPKI);
        t.transceive(SELECT_AUTH_KEY);

        assertThat(sw(t.transceive(TestCard.sign(MESSAGE)))).isEqualTo(0x6982);
      }
    }

    /** Tag lost at the n-th APDU of VERIFY → SIGN: every step reports CARD_REMOVED, nothing else. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void signFlow_tagLostAtEachApdu_throwsCardRemovedAtThatApdu(int lostAt) throws Exception {
      byte[][] flow = {SELECT_JPKI, SELECT_AUTH_PIN, VERIFY_AUTH_PIN, SELECT_AUTH_KEY, TestCard.sign(MESSAGE)};
      AtomicInteger calls = new AtomicInteger();
      when(isoDep.transceive(any(byte[].class))).thenAnswer(inv -> {
        if (calls.getAndIncrement() == lostAt) {
          throw mock(TagLostException.class);
        }
        return card.process(inv.getArgument(0));
      });
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        for (int i = 0; i < lostAt; i++) {
          assertThat(sw(t.transceive(flow[i]))).isEqualTo(0x9000);
        }
        byte[] failing = flow[lostAt];

        TransportException e = catchThrowableOfType(TransportException.class, () -> t.transceive(failing));

        assertThat(e.reason()).isEqualTo(Reason.CARD_REMOVED);
        assertThat(e.getMessage()).contains("card moved away");
        assertThat(e.getMessage()).doesNotContain("1234").doesNotContain("31 32 33 34");
        assertThat(e.getCause()).isInstanceOf(TagLostException.class);
      }
    }
  }

  @Nested
  class Errors {
    @Test
    void transceive_ioException_throwsIoErrorMentioningTimeout() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        when(isoDep.transceive(any(byte[].class))).thenThrow(new IOException("Transceive failed"));

        TransportException e = catchThrowableOfType(TransportException.class, () -> t.transceive(SELECT_JPKI));

        assertThat(e.reason()).isEqualTo(Reason.IO_ERROR);
        assertThat(e.getMessage()).contains("10000 ms");
      }
    }

    @Test
    void transceive_staleTagSecurityException_throwsCardRemoved() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        when(isoDep.transceive(any(byte[].class))).thenThrow(new SecurityException("Permission Denial: Tag is out of date"));

        assertThat(catchThrowableOfType(TransportException.class, () -> t.transceive(SELECT_JPKI)).reason())
            .isEqualTo(Reason.CARD_REMOVED);
      }
    }

    @Test
    void transceive_notConnectedIllegalState_throwsIoError() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        when(isoDep.transceive(any(byte[].class))).thenThrow(new IllegalStateException("Call connect() first!"));

        assertThat(catchThrowableOfType(TransportException.class, () -> t.transceive(SELECT_JPKI)).reason())
            .isEqualTo(Reason.IO_ERROR);
      }
    }

    @Test
    void transceive_nullOrOneByteResponse_throwsIoError() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        when(isoDep.transceive(any(byte[].class))).thenReturn(null, new byte[] {(byte) 0x90});

        assertThat(catchThrowableOfType(TransportException.class, () -> t.transceive(SELECT_JPKI)).getMessage())
            .contains("returned nothing");
        assertThat(catchThrowableOfType(TransportException.class, () -> t.transceive(SELECT_JPKI)).getMessage())
            .contains("returned 1 bytes");
      }
    }

    @Test
    void transceive_extendedOnShortOnly_refusedWithoutTouchingNfc() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        TransportException e = catchThrowableOfType(TransportException.class, () -> t.transceive(EXTENDED_SELECT_JPKI));

        assertThat(e.reason()).isEqualTo(Reason.LENGTH_LIMIT);
        verify(isoDep, never()).transceive(any(byte[].class));
      }
    }

    @Test
    void transceive_longerThanPhoneLimit_refused() throws Exception {
      IsoDep small = mockIsoDep(card, sent, true, 300);
      try (IsoDepTransport t = IsoDepTransport.connect(small, Options.builder().extendedLength(ExtendedLength.ALWAYS).build())) {
        byte[] big = new byte[301];
        big[4] = 0;

        TransportException e = catchThrowableOfType(TransportException.class, () -> t.transceive(big));

        assertThat(e.reason()).isEqualTo(Reason.LENGTH_LIMIT);
        assertThat(e.getMessage()).contains("301").contains("300");
      }
    }

    @Test
    void transceive_tooShort_throwsIllegalArgument() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        assertThatThrownBy(() -> t.transceive(new byte[2])).isInstanceOf(IllegalArgumentException.class);
      }
    }

    @Test
    void transceive_callerChangesArrayAfterwards_cardSawOriginal() throws Exception {
      when(isoDep.transceive(any(byte[].class))).thenAnswer(inv -> {
        byte[] c = inv.getArgument(0);
        Arrays.fill(c, (byte) 0); // a stack that scribbles over its input must not affect the caller
        return new byte[] {(byte) 0x90, 0x00};
      });
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        byte[] command = SELECT_JPKI.clone();
        t.transceive(command);

        assertThat(command).containsExactly(SELECT_JPKI);
      }
    }

    @Test
    void close_twice_closesIsoDepOnceAndLaterTransceiveIsClosed() throws Exception {
      IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT);

      t.close();
      t.close();

      verify(isoDep, times(1)).close();
      assertThat(t.isClosed()).isTrue();
      assertThat(catchThrowableOfType(TransportException.class, () -> t.transceive(SELECT_JPKI)).reason())
          .isEqualTo(Reason.CLOSED);
    }

    @Test
    void close_isoDepThrows_neverThrows() throws Exception {
      IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT);
      doThrow(new IOException("gone")).when(isoDep).close();

      t.close();

      assertThat(t.isClosed()).isTrue();
    }

    @Test
    void toString_showsSettingsOnly() throws Exception {
      try (IsoDepTransport t = IsoDepTransport.connect(isoDep, SHORT)) {
        t.transceive(VERIFY_AUTH_PIN);

        assertThat(t.toString()).isEqualTo("IsoDepTransport[timeout=10000ms, " + TransportCapabilities.shortOnly() + "]");
      }
    }
  }
}
