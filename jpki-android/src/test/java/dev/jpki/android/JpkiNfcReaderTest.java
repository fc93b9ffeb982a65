// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import android.nfc.Tag;
import android.nfc.TagLostException;
import android.nfc.tech.IsoDep;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.card.CardSignature;
import dev.jpki.card.Pin;
import dev.jpki.card.WrongPinException;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

class JpkiNfcReaderTest {
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "nfc-worker"));
  private final BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(10);
  private final AtomicReference<String> callbackThread = new AtomicReference<>();
  private final Tag tag = mock(Tag.class);

  /**
   * The worker, with {@code IsoDep.get(tag)} stubbed on the worker thread itself: Mockito's static
   * mocks are thread-local, and the reader calls {@code IsoDep.get} on its executor.
   */
  private java.util.concurrent.Executor workerWithIsoDep(IsoDep isoDep) {
    return task -> worker.execute(() -> {
      try (MockedStatic<IsoDep> st = mockStatic(IsoDep.class)) {
        st.when(() -> IsoDep.get(tag)).thenReturn(isoDep);
        task.run();
      }
    });
  }

  @AfterEach
  void tearDown() {
    worker.shutdownNow();
  }

  private <T> JpkiNfcReader.Callback<T> recordingCallback() {
    return JpkiNfcReader.Callback.of(
        r -> {
          callbackThread.set(Thread.currentThread().getName());
          outcomes.add(r == null ? "null" : r);
        },
        e -> {
          callbackThread.set(Thread.currentThread().getName());
          outcomes.add(e);
        });
  }

  /** A transport that records close() and answers 9000. */
  private static final class FakeTransport implements CardTransport {
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public byte[] transceive(byte[] command) {
      return new byte[] {(byte) 0x90, 0x00};
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.shortOnly();
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void onTagDiscovered_realIsoDepPath_runsWorkOnExecutorAndDeliversResult() throws Exception {
    VirtualMyNumberCard card = TestCard.newCard();
    IsoDep isoDep = IsoDepTransportTest.mockIsoDep(card, new ArrayList<>(), false, 261);
    AtomicReference<String> workThread = new AtomicReference<>();
    JpkiNfcReader<Integer> reader = JpkiNfcReader.<Integer>builder(
            t -> {
              workThread.set(Thread.currentThread().getName());
              return TestCard.sw(t.transceive(TestCard.SELECT_JPKI));
            },
            recordingCallback())
        .executor(workerWithIsoDep(isoDep))
        .build();

    reader.onTagDiscovered(tag);

    assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo(0x9000);

    assertThat(workThread.get()).isEqualTo("nfc-worker");
    assertThat(callbackThread.get()).isEqualTo("nfc-worker");
    verify(isoDep).setTimeout(IsoDepTransport.DEFAULT_TIMEOUT_MILLIS);
    verify(isoDep).close();
    assertThat(reader.isBusy()).isFalse();
  }

  @Test
  void onTagDiscovered_workBlocks_returnsImmediatelyOnCallingThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeTransport transport = new FakeTransport();
    JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(
            t -> {
              release.await();
              return "done";
            },
            recordingCallback())
        .executor(worker)
        .connector(x -> transport)
        .build();
    long start = System.nanoTime();

    reader.onTagDiscovered(tag);

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    assertThat(reader.isBusy()).isTrue();
    release.countDown();
    assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(transport.closes.get()).isEqualTo(1);
  }

  @Test
  void onTagDiscovered_tagLostDuringWork_deliversCardRemovedAndClosesTransport() throws Exception {
    VirtualMyNumberCard card = TestCard.newCard();
    IsoDep isoDep = IsoDepTransportTest.mockIsoDep(card, new ArrayList<>(), false, 261);
    when(isoDep.transceive(any(byte[].class))).thenThrow(mock(TagLostException.class));
    JpkiNfcReader<byte[]> reader = JpkiNfcReader.<byte[]>builder(t -> t.transceive(TestCard.SELECT_JPKI), recordingCallback())
        .executor(workerWithIsoDep(isoDep))
        .build();

    reader.onTagDiscovered(tag);
    Object outcome = outcomes.poll(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOf(TransportException.class);
    assertThat(((TransportException) outcome).reason()).isEqualTo(Reason.CARD_REMOVED);
    verify(isoDep).close();
  }

  @Test
  void onTagDiscovered_notIsoDep_deliversIoError() throws Exception {
    JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(t -> "never", recordingCallback())
        .executor(workerWithIsoDep(null))
        .build();

    reader.onTagDiscovered(tag);
    Object outcome = outcomes.poll(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOf(TransportException.class);
    assertThat(((TransportException) outcome).reason()).isEqualTo(Reason.IO_ERROR);
  }

  @Test
  void onTagDiscovered_workThrowsOwnException_deliveredUnchangedAndTransportClosed() throws Exception {
    FakeTransport transport = new FakeTransport();
    IllegalStateException bug = new IllegalStateException("app bug");
    JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(t -> {
          throw bug;
        }, recordingCallback())
        .executor(worker)
        .connector(x -> transport)
        .build();

    reader.onTagDiscovered(tag);

    assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isSameAs(bug);
    assertThat(transport.closes.get()).isEqualTo(1);
    assertThat(reader.isBusy()).isFalse();
  }

  @Test
  void onTagDiscovered_callbackExecutorSet_callbackRunsThere() throws Exception {
    ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
    try {
      JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(t -> "ok", recordingCallback())
          .executor(worker)
          .callbackExecutor(ui)
          .connector(x -> new FakeTransport())
          .build();

      reader.onTagDiscovered(tag);

      assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("ok");
      assertThat(callbackThread.get()).isEqualTo("ui");
    } finally {
      ui.shutdownNow();
    }
  }

  @Test
  void onTagDiscovered_nullResult_deliveredAsSuccess() throws Exception {
    JpkiNfcReader<Void> reader = JpkiNfcReader.<Void>builder(t -> null, recordingCallback())
        .executor(worker)
        .connector(x -> new FakeTransport())
        .build();

    reader.onTagDiscovered(tag);

    assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("null");
  }

  @Test
  void onTagDiscovered_whileBusy_secondTagIgnored() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    JpkiNfcReader<Integer> reader = JpkiNfcReader.<Integer>builder(t -> {
          release.await();
          return runs.incrementAndGet();
        }, recordingCallback())
        .executor(worker)
        .connector(x -> new FakeTransport())
        .build();

    reader.onTagDiscovered(tag);
    reader.onTagDiscovered(tag);
    release.countDown();

    assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(outcomes.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(runs.get()).isEqualTo(1);

    reader.onTagDiscovered(tag); // not busy any more: a new tap works
    assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo(2);
  }

  @Test
  void onTagDiscovered_executorRejects_errorDeliveredAndNothingThrown() throws Exception {
    worker.shutdown();
    JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(t -> "never", recordingCallback())
        .executor(worker)
        .connector(x -> new FakeTransport())
        .build();

    reader.onTagDiscovered(tag);

    assertThat(outcomes.poll(1, TimeUnit.SECONDS)).isInstanceOf(RejectedExecutionException.class);
    assertThat(reader.isBusy()).isFalse();
  }

  @Test
  void onTagDiscovered_callbackThrows_swallowedAndReaderUsableAgain() throws Exception {
    List<String> seen = new ArrayList<>();
    CountDownLatch delivered = new CountDownLatch(2);
    JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(t -> "x", JpkiNfcReader.Callback.of(
            r -> {
              seen.add(r);
              delivered.countDown();
              throw new IllegalStateException("UI bug");
            },
            e -> { }))
        .executor(Runnable::run) // direct: the throw would surface here if not contained
        .connector(x -> new FakeTransport())
        .build();

    reader.onTagDiscovered(tag);
    reader.onTagDiscovered(tag);

    assertThat(delivered.await(1, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly("x", "x");
  }

  @Test
  void build_withoutExecutor_throwsIllegalState() {
    assertThatThrownBy(() -> JpkiNfcReader.<String>builder(t -> "x", recordingCallback()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("executor");
  }

  @Test
  void readerFlags_areNfcANfcBAndSkipNdef() {
    // Values from the Android reference for NfcAdapter (API 19): NFC_A=0x1, NFC_B=0x2, SKIP_NDEF_CHECK=0x80.
    assertThat(JpkiNfcReader.READER_FLAGS).isEqualTo(0x83);
    assertThat(JpkiNfcReader.EXTRA_READER_PRESENCE_CHECK_DELAY).isEqualTo("presence");
  }

  @Test
  void signFlowThroughReader_signatureVerifies() throws Exception {
    VirtualMyNumberCard card = TestCard.newCard();
    IsoDep isoDep = IsoDepTransportTest.mockIsoDep(card, new ArrayList<>(), true, 65279);
    byte[] message = "nonce-7".getBytes(StandardCharsets.UTF_8);
    JpkiNfcReader<byte[]> reader = JpkiNfcReader.<byte[]>builder(t -> {
          t.transceive(TestCard.SELECT_JPKI);
          t.transceive(TestCard.SELECT_AUTH_PIN);
          t.transceive(TestCard.VERIFY_AUTH_PIN);
          t.transceive(TestCard.SELECT_AUTH_KEY);
          return TestCard.data(t.transceive(TestCard.sign(message)));
        }, recordingCallback())
        .executor(workerWithIsoDep(isoDep))
        .build();

    reader.onTagDiscovered(tag);
    Object outcome = outcomes.poll(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOf(byte[].class);
    assertThat(TestCard.verifies(message, (byte[]) outcome)).isTrue();
  }

  @Test
  void forCard_workGetsASession_signsADocument_andTheTagIsClosed() throws Exception {
    Persona persona = Personas.get(Personas.DEFAULT);
    IsoDep isoDep = IsoDepTransportTest.mockIsoDep(persona.newCard(), new ArrayList<>(), false, 261);
    byte[] document = "document".getBytes(StandardCharsets.UTF_8);
    char[] password = persona.signPassword().toCharArray();
    JpkiNfcReader<CardSignature> reader = JpkiNfcReader.forCard(card -> {
          try (Pin pw = Pin.signaturePassword(password)) {
            return card.jpki().sign(pw, document);
          }
        }, recordingCallback())
        .executor(workerWithIsoDep(isoDep))
        .build();

    reader.onTagDiscovered(tag);
    Object outcome = outcomes.poll(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOf(CardSignature.class);
    CardSignature s = (CardSignature) outcome;
    Signature v = Signature.getInstance(s.jcaSignatureAlgorithm());
    v.initVerify(s.certificate());
    v.update(document);
    assertThat(v.verify(s.signature())).isTrue();
    verify(isoDep).close();
  }

  @Test
  void forCard_wrongPin_deliversTheTypedException() throws Exception {
    Persona persona = Personas.get(Personas.DEFAULT);
    IsoDep isoDep = IsoDepTransportTest.mockIsoDep(persona.newCard(), new ArrayList<>(), false, 261);
    JpkiNfcReader<X509Certificate> reader = JpkiNfcReader.forCard(card -> {
          try (Pin wrong = Pin.authentication("0000".toCharArray())) {
            return card.jpki().authCertificate(wrong);
          }
        }, recordingCallback())
        .executor(workerWithIsoDep(isoDep))
        .build();

    reader.onTagDiscovered(tag);
    Object outcome = outcomes.poll(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOf(WrongPinException.class);
    assertThat(((WrongPinException) outcome).remainingAttempts()).isEqualTo(2);
    verify(isoDep).close();
  }
}
