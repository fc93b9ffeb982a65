// SPDX-License-Identifier: Apache-2.0
package dev.jpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.apdu.ApplicationNotFoundException;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportCapabilities;
import dev.jpki.apdu.TransportException;
import dev.jpki.card.Application;
import dev.jpki.card.MyNumberCard;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JpkiTest {
  /** Answers every SELECT with 6A82: a card that is not a My Number Card. */
  private static class NoCard implements CardTransport {
    boolean closed;
    int commands;
    String thread = "";

    @Override
    public byte[] transceive(byte[] command) throws TransportException {
      commands++;
      thread = Thread.currentThread().getName();
      return new byte[] {0x6A, (byte) 0x82};
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.shortOnly();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void with_returnsResult_andClosesTransport() throws Exception {
    NoCard t = new NoCard();
    String r = Jpki.with(t, card -> card.isClosed() ? "closed" : "open");
    assertThat(r).isEqualTo("open");
    assertThat(t.closed).isTrue();
  }

  @Test
  void with_workThrows_stillCloses() {
    NoCard t = new NoCard();
    AtomicReference<MyNumberCard> leaked = new AtomicReference<>();
    assertThatThrownBy(() -> Jpki.with(t, card -> {
      leaked.set(card);
      return card.jpki().authCertificate();
    })).isInstanceOf(ApplicationNotFoundException.class);
    assertThat(t.closed).isTrue();
    assertThat(leaked.get().isClosed()).isTrue();
    assertThatThrownBy(() -> leaked.get().jpki()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void isMyNumberCard_sendsOneSelectOfTheJpkiAp_andLeavesTheTransportOpen() throws Exception {
    NoCard refuses = new NoCard();
    assertThat(Jpki.isMyNumberCard(refuses)).isFalse();
    assertThat(refuses.commands).isEqualTo(1);
    assertThat(refuses.closed).isFalse();

    java.util.List<String> sent = new java.util.ArrayList<>();
    CardTransport answers = new NoCard() {
      @Override
      public byte[] transceive(byte[] command) {
        sent.add(dev.jpki.internal.Hex.encode(command));
        return new byte[] {(byte) 0x90, 0x00};
      }
    };
    assertThat(Jpki.isMyNumberCard(answers)).isTrue();
    assertThat(sent).containsExactly("00A4040C0AD392F000260100000001");
  }

  @Test
  void isMyNumberCard_garbledAnswer_isNotACard() throws Exception {
    CardTransport garbled = new NoCard() {
      @Override
      public byte[] transceive(byte[] command) {
        return new byte[] {0x12};
      }
    };
    assertThat(Jpki.isMyNumberCard(garbled)).isFalse();
  }

  @Test
  void withAsync_runsOnTheCallersExecutor_failureIsTheCause() throws Exception {
    ExecutorService ex = Executors.newSingleThreadExecutor(r -> new Thread(r, "card-io"));
    try {
      NoCard t = new NoCard();
      CompletableFuture<Object> f = Jpki.withAsync(t, ex, card -> card.jpki().token());
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(ApplicationNotFoundException.class);
      assertThat(t.thread).isEqualTo("card-io");
      assertThat(t.closed).isTrue();

      NoCard t2 = new NoCard();
      assertThat(Jpki.withAsync(t2, ex, card -> card.selectedApplication().isPresent()).get(10, TimeUnit.SECONDS))
          .isFalse();
      assertThat(t2.closed).isTrue();
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void withAsync_rejected_closesTransportAndFails() {
    ExecutorService ex = Executors.newSingleThreadExecutor();
    ex.shutdown();
    NoCard t = new NoCard();
    CompletableFuture<Application> f = Jpki.withAsync(t, ex, card -> Application.JPKI);
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join).hasCauseInstanceOf(RejectedExecutionException.class);
    assertThat(t.closed).isTrue();
    assertThat(t.commands).isZero();
  }
}
