// SPDX-License-Identifier: Apache-2.0
package dev.jpki;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportException;
import dev.jpki.card.MyNumberCard;
import dev.jpki.internal.JpkiProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The fluent entry point: run card work in a session that always ends (loan pattern), so a session, a
 * verified PIN or the transport cannot leak.
 *
 * <pre>{@code
 * X509Certificate cert = Jpki.with(transport, card -> card.jpki().authCertificate());
 *
 * CompletableFuture<CardInfo> info = Jpki.withAsync(transport, ioExecutor, MyNumberCard::info);
 * }</pre>
 *
 * <p>The session owns the transport: it is closed when the work returns or throws. Nothing here starts
 * a thread; the asynchronous variant runs on the caller's executor (e.g. off the Android UI thread).
 */
public final class Jpki {
  private Jpki() {}

  /**
   * Card work that returns a value.
   *
   * @param <T> the result type
   */
  @FunctionalInterface
  public interface CardFunction<T> {
    /**
     * Runs the work.
     *
     * @param card the open session, valid only during this call
     * @return the result
     * @throws JpkiException to report a card or transport outcome
     */
    T apply(MyNumberCard card) throws JpkiException;
  }

  /**
   * Whether the card behind {@code transport} is a My Number Card (or a JPKI smartphone token): sends one
   * SELECT of the JPKI AP by its AID ({@code 00 A4 04 0C}, docs/card-protocol.md §2, §5.2) and nothing
   * else; no credential, no file read. This is how a card is recognised, never by its ATR (contactless
   * readers make the ATR up, docs/card-protocol.md §1). Note that the SELECT changes the card's selected
   * application, which ends any verified state another program holds on the card (§5.3).
   *
   * <p>The transport stays open and the caller keeps it; work with the card afterwards through
   * {@link #with} or {@link #open}.
   *
   * @param transport a connected transport
   * @return true if the card answered {@code 9000}; false for any other status word (the refusal is
   *     logged at DEBUG)
   * @throws TransportException if the exchange fails
   */
  public static boolean isMyNumberCard(CardTransport transport) throws TransportException {
    return JpkiProbe.answers(transport);
  }

  /**
   * Opens a session that the caller must close (prefer {@link #with}). Sends no APDU.
   *
   * @param transport a connected transport; the session owns it
   * @return the session
   */
  public static MyNumberCard open(CardTransport transport) {
    return MyNumberCard.open(transport);
  }

  /**
   * Opens a session, runs {@code work}, and closes the session and the transport, whatever happens.
   * Blocking; runs on the calling thread.
   *
   * @param transport a connected transport; closed afterwards
   * @param work what to do with the card
   * @param <T> the result type
   * @return what {@code work} returned
   * @throws JpkiException what {@code work} threw
   */
  public static <T> T with(CardTransport transport, CardFunction<T> work) throws JpkiException {
    try (MyNumberCard card = MyNumberCard.open(transport)) {
      return work.apply(card);
    }
  }

  /**
   * Runs {@link #with} on {@code executor}. The future completes with the result, or exceptionally
   * with the {@link JpkiException} (or unchecked exception) the work threw, as the direct cause of
   * {@link java.util.concurrent.ExecutionException} from {@code get()}. Cancelling the future does not
   * stop a command the card is already processing. If the executor rejects the task the transport is
   * closed and the future fails with the {@link RejectedExecutionException}.
   *
   * @param transport a connected transport; closed afterwards, on the executor's thread
   * @param executor where to run the blocking card I/O
   * @param work what to do with the card
   * @param <T> the result type
   * @return the future result
   */
  public static <T> CompletableFuture<T> withAsync(CardTransport transport, Executor executor, CardFunction<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          result.complete(with(transport, work));
        } catch (Throwable t) {
          result.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      transport.close();
      result.completeExceptionally(e);
    }
    return result;
  }
}
