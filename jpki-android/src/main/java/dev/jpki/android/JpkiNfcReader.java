// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import android.nfc.Tag;
import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TransportException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reader-mode entry point: receives discovered tags (its {@link #onTagDiscovered(Tag)} has the signature
 * of {@code NfcAdapter.ReaderCallback}), runs the app's card work on a caller-supplied {@link Executor},
 * and delivers the result or the error to a {@link Callback}.
 *
 * <pre>{@code
 * JpkiNfcReader<String> reader = JpkiNfcReader.builder(
 *         transport -> readSomething(transport),                // runs on `worker`
 *         JpkiNfcReader.Callback.of(this::show, this::showError))
 *     .executor(worker)                                         // e.g. Executors.newSingleThreadExecutor()
 *     .callbackExecutor(activity::runOnUiThread)                // results on the UI thread
 *     .build();
 * ReaderMode.enable(activity, NfcAdapter.getDefaultAdapter(activity), reader);   // in onResume()
 * }</pre>
 *
 * <p>{@link #forCard} takes the same card function as {@code Jpki.with} and {@code
 * PcscReaders.withFirstCard}: the work gets an open {@code MyNumberCard} session instead of a transport.
 *
 * <p>Threading: {@link #onTagDiscovered(Tag)} is called by Android on a binder thread; it only hands the
 * tag to the executor and returns, and nothing thrown by the work, the transport or the callback
 * escapes onto that thread. The UI thread is never blocked. One tag is worked on at a time: tags
 * discovered while work is running are ignored (the running work fails with a
 * {@link TransportException.Reason#CARD_REMOVED} if its card left, and the user taps again).
 *
 * @param <T> the work's result type
 */
public final class JpkiNfcReader<T extends @Nullable Object> {
  private static final Logger log = LoggerFactory.getLogger(JpkiNfcReader.class);

  /** {@code NfcAdapter.FLAG_READER_NFC_A} (API 19; value 0x1 per the Android reference). */
  public static final int FLAG_READER_NFC_A = 0x1;
  /** {@code NfcAdapter.FLAG_READER_NFC_B} (API 19; value 0x2): the My Number Card is Type B (docs/card-protocol.md §1). */
  public static final int FLAG_READER_NFC_B = 0x2;
  /** {@code NfcAdapter.FLAG_READER_SKIP_NDEF_CHECK} (API 19; value 0x80): the card has no NDEF. */
  public static final int FLAG_READER_SKIP_NDEF_CHECK = 0x80;

  /**
   * The flags to pass to {@code NfcAdapter.enableReaderMode}: NFC-A, NFC-B, no NDEF check. Type A is kept
   * because smartphone JPKI tokens (docs/card-protocol.md §1) may answer as Type A. The constants are spelled out because
   * the API 16 stub jar this module compiles against predates them.
   */
  public static final int READER_FLAGS = FLAG_READER_NFC_A | FLAG_READER_NFC_B | FLAG_READER_SKIP_NDEF_CHECK;

  /** {@code NfcAdapter.EXTRA_READER_PRESENCE_CHECK_DELAY} (API 19), an int extra in milliseconds. */
  public static final String EXTRA_READER_PRESENCE_CHECK_DELAY = "presence";

  /**
   * Presence-check delay suggested for the reader-mode extras. Android's presence checks go to the card
   * between our APDUs; checking less often leaves the card alone during long operations such as on-card
   * RSA, while a removed card is still noticed within about a second.
   */
  public static final int DEFAULT_PRESENCE_CHECK_DELAY_MILLIS = 1000;

  /**
   * The app's card work: runs on the executor with a connected transport that is closed afterwards.
   *
   * @param <T> the result type
   */
  @FunctionalInterface
  public interface CardWork<T extends @Nullable Object> {
    /**
     * Does the card work. Blocking is fine: this runs on the worker executor.
     *
     * @param transport the connected transport; do not keep it after returning
     * @return the result handed to {@link Callback#onSuccess}
     * @throws Exception any failure; handed to {@link Callback#onError}
     */
    T run(CardTransport transport) throws Exception;
  }

  /**
   * Receives the outcome of one tag's work, on the callback executor.
   *
   * @param <T> the result type
   */
  public interface Callback<T extends @Nullable Object> {
    /**
     * The work finished.
     *
     * @param result what the work returned
     */
    void onSuccess(T result);

    /**
     * The work failed. Card and transport outcomes are {@link dev.jpki.JpkiException}s: a
     * {@link TransportException} with reason {@code CARD_REMOVED} means the card moved away (ask the
     * user to tap again); {@code IO_ERROR} also covers a tag that is not a My Number Card. Anything
     * else the work threw is passed on unchanged.
     *
     * @param error the failure
     */
    void onError(Exception error);

    /**
     * A callback from two method references.
     *
     * @param onSuccess receives results
     * @param onError receives failures
     * @param <T> the result type
     * @return the callback
     */
    static <T extends @Nullable Object> Callback<T> of(Consumer<? super T> onSuccess, Consumer<? super Exception> onError) {
      Objects.requireNonNull(onSuccess, "onSuccess");
      Objects.requireNonNull(onError, "onError");
      return new Callback<T>() {
        @Override
        public void onSuccess(T result) {
          onSuccess.accept(result);
        }

        @Override
        public void onError(Exception error) {
          onError.accept(error);
        }
      };
    }
  }

  /** Opens the transport for a tag; replaced in tests. */
  @FunctionalInterface
  interface Connector {
    CardTransport connect(Tag tag) throws TransportException;
  }

  private final CardWork<T> work;
  private final Callback<T> callback;
  private final Executor executor;
  private final @Nullable Executor callbackExecutor;
  private final Connector connector;
  private final AtomicBoolean busy = new AtomicBoolean();

  private JpkiNfcReader(Builder<T> b, Executor executor) {
    this.work = b.work;
    this.callback = b.callback;
    this.executor = executor;
    this.callbackExecutor = b.callbackExecutor;
    IsoDepTransport.Options options = b.transportOptions;
    this.connector = b.connector != null ? b.connector : tag -> IsoDepTransport.connect(tag, options);
  }

  /**
   * Starts building a reader.
   *
   * @param work the card work to run for each discovered tag
   * @param callback receives the outcome
   * @param <T> the result type
   * @return a builder; {@link Builder#executor(Executor)} is required
   */
  public static <T extends @Nullable Object> Builder<T> builder(CardWork<T> work, Callback<T> callback) {
    return new Builder<>(work, callback);
  }

  /**
   * Starts building a reader whose work gets a card session instead of a transport, like {@link
   * Jpki#with} and {@code PcscReaders.withFirstCard}: for each tag the session is opened on the
   * connected transport and closed after the work, whatever happens.
   *
   * <pre>{@code
   * JpkiNfcReader<X509Certificate> reader = JpkiNfcReader
   *     .forCard(card -> card.jpki().authCertificate(), JpkiNfcReader.Callback.of(this::show, this::showError))
   *     .executor(worker)
   *     .build();
   * }</pre>
   *
   * @param work the card work to run for each discovered tag, on the executor; do not keep the card
   *     after returning
   * @param callback receives the outcome
   * @param <T> the result type
   * @return a builder; {@link Builder#executor(Executor)} is required
   */
  public static <T> Builder<T> forCard(Jpki.CardFunction<T> work, Callback<T> callback) {
    Objects.requireNonNull(work, "work");
    return new Builder<>(transport -> Jpki.with(transport, work), callback);
  }

  /**
   * Android's {@code NfcAdapter.ReaderCallback.onTagDiscovered}: hands the tag to the executor and
   * returns at once. Never throws. Ignored while a previous tag is still being worked on.
   *
   * @param tag the discovered tag
   */
  public void onTagDiscovered(Tag tag) {
    if (!busy.compareAndSet(false, true)) {
      log.debug("Tag discovered while busy; ignored");
      return;
    }
    try {
      executor.execute(() -> runWork(tag));
    } catch (RuntimeException e) {
      // RejectedExecutionException (executor shut down) or a faulty executor: report, don't crash binder.
      busy.set(false);
      deliverError(e);
    }
  }

  /**
   * Whether work for a tag is running or queued.
   *
   * @return true while busy
   */
  public boolean isBusy() {
    return busy.get();
  }

  private void runWork(@Nullable Tag tag) {
    T result;
    try {
      if (tag == null) {
        throw new IllegalArgumentException("tag is null");
      }
      try (CardTransport transport = connector.connect(tag)) {
        result = work.run(transport);
      }
    } catch (Exception e) {
      busy.set(false);
      deliverError(e);
      return;
    } catch (Error e) {
      busy.set(false);
      throw e;
    }
    busy.set(false);
    deliver(() -> callback.onSuccess(result));
  }

  private void deliverError(Exception e) {
    deliver(() -> callback.onError(e));
  }

  private void deliver(Runnable delivery) {
    Runnable guarded = () -> {
      try {
        delivery.run();
      } catch (RuntimeException e) {
        log.warn("JpkiNfcReader callback threw {}", e.getClass().getName(), e);
      }
    };
    Executor target = callbackExecutor;
    if (target == null) {
      guarded.run();
      return;
    }
    try {
      target.execute(guarded);
    } catch (RuntimeException e) {
      log.warn("Callback executor rejected the result ({})", e.getClass().getName(), e);
    }
  }

  /**
   * Builds a {@link JpkiNfcReader}.
   *
   * @param <T> the result type
   */
  public static final class Builder<T extends @Nullable Object> {
    private final CardWork<T> work;
    private final Callback<T> callback;
    private @Nullable Executor executor;
    private @Nullable Executor callbackExecutor;
    private IsoDepTransport.Options transportOptions = IsoDepTransport.Options.defaults();
    private @Nullable Connector connector;

    private Builder(CardWork<T> work, Callback<T> callback) {
      this.work = Objects.requireNonNull(work, "work");
      this.callback = Objects.requireNonNull(callback, "callback");
    }

    /**
     * The executor that runs the card work (required). Use a background executor, never the UI thread's.
     *
     * @param executor the worker executor
     * @return this builder
     */
    public Builder<T> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Where the callback runs, e.g. {@code activity::runOnUiThread}. Default: on the worker thread right
     * after the work.
     *
     * @param callbackExecutor the callback executor
     * @return this builder
     */
    public Builder<T> callbackExecutor(Executor callbackExecutor) {
      this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
      return this;
    }

    /**
     * Options for the {@link IsoDepTransport} opened per tag (timeout, extended length).
     *
     * @param options the transport options
     * @return this builder
     */
    public Builder<T> transportOptions(IsoDepTransport.Options options) {
      this.transportOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    Builder<T> connector(Connector connector) {
      this.connector = connector;
      return this;
    }

    /**
     * Builds the reader.
     *
     * @return the reader
     * @throws IllegalStateException if no executor was set
     */
    public JpkiNfcReader<T> build() {
      Executor e = executor;
      if (e == null) {
        throw new IllegalStateException("executor is required: card work must not run on the binder or UI thread");
      }
      return new JpkiNfcReader<>(this, e);
    }
  }
}
