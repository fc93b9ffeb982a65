// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A card session belongs to the first thread that uses it; others get a clear error, and no APDU. */
class ThreadConfinementTest {
  private final ExecutorService other = Executors.newSingleThreadExecutor(named("card-worker"));

  @AfterEach
  void stop() {
    other.shutdownNow();
  }

  private static ThreadFactory named(String name) {
    return r -> new Thread(r, name);
  }

  private static Throwable failureOf(Future<?> f) throws InterruptedException {
    try {
      f.get();
      return new AssertionError("no failure");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void secondThread_failsWithAClearError_andSendsNothing() throws Exception {
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake)) {
      card.jpki().pinStatus(PinType.AUTHENTICATION);
      int sent = fake.count();
      String me = Thread.currentThread().getName();

      Throwable t = failureOf(other.submit(() -> card.jpki().pinStatus(PinType.SIGNATURE)));
      assertThat(t).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("confined to the thread that first used it (\"" + me + "\")")
          .hasMessageContaining("called from thread \"card-worker\"");
      assertThat(failureOf(other.submit(() -> card.text().basicInfo()))).isInstanceOf(IllegalStateException.class);
      assertThat(failureOf(other.submit(() -> card.info()))).isInstanceOf(IllegalStateException.class);
      assertThat(failureOf(other.submit(() -> {
        try (Pin pin = Pin.authentication(Fixtures.chars(Fixtures.AUTH_PIN))) {
          card.jpki().verify(pin);
        }
        return null;
      }))).isInstanceOf(IllegalStateException.class);
      assertThat(fake.count()).as("nothing reached the card").isEqualTo(sent);

      // the owner is unaffected
      assertThat(card.jpki().pinStatus(PinType.SIGNATURE).triesLeft()).hasValue(5);
    }
  }

  @Test
  void openedOnOneThread_usedOnAnother_isFine_becauseOpeningSendsNothing() throws Exception {
    FakeCard fake = Fixtures.defaultCard();
    MyNumberCard card = MyNumberCard.open(fake);
    Future<PinStatus> status = other.submit(() -> card.jpki().pinStatus(PinType.AUTHENTICATION));
    assertThat(status.get().triesLeft()).hasValue(3);
    // now the worker owns it
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> card.jpki().pinStatus(PinType.AUTHENTICATION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("card-worker");
    // close works from any thread, so a UI can abort a session its worker owns
    card.close();
    assertThat(card.isClosed()).isTrue();
    assertThat(fake.isClosed()).isTrue();
  }
}
