// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import android.app.Activity;
import android.nfc.NfcAdapter;
import android.nfc.Tag;
import android.os.Bundle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns Android NFC reader mode on and off for a {@link JpkiNfcReader}.
 *
 * <p>{@code NfcAdapter.enableReaderMode(Activity, ReaderCallback, int, Bundle)} and
 * {@code ReaderCallback} arrived in API 19, after the API 16 stub jar this module compiles against, so
 * they are called reflectively here; on every phone the SDK supports (API 24+) they exist. Apps compiled
 * against a current Android SDK can instead call the platform directly:
 *
 * <pre>{@code
 * Bundle extras = new Bundle();
 * extras.putInt(NfcAdapter.EXTRA_READER_PRESENCE_CHECK_DELAY, JpkiNfcReader.DEFAULT_PRESENCE_CHECK_DELAY_MILLIS);
 * adapter.enableReaderMode(activity, reader::onTagDiscovered, JpkiNfcReader.READER_FLAGS, extras);
 * }</pre>
 *
 * <p>Call {@link #enable} in {@code onResume()} and {@link #disable} in {@code onPause()}, on the UI
 * thread (Android requires the activity to be resumed).
 */
public final class ReaderMode {
  private ReaderMode() {}

  /**
   * Enables reader mode with {@link JpkiNfcReader#READER_FLAGS} and the default presence-check delay.
   *
   * @param activity the resumed activity
   * @param adapter the device's adapter ({@code NfcAdapter.getDefaultAdapter(context)}, non-null)
   * @param reader receives discovered tags
   * @throws UnsupportedOperationException if the platform lacks reader mode (below API 19)
   */
  public static void enable(Activity activity, NfcAdapter adapter, JpkiNfcReader<?> reader) {
    enable(activity, adapter, reader, JpkiNfcReader.DEFAULT_PRESENCE_CHECK_DELAY_MILLIS);
  }

  /**
   * Enables reader mode with {@link JpkiNfcReader#READER_FLAGS} and the given presence-check delay.
   *
   * @param activity the resumed activity
   * @param adapter the device's adapter
   * @param reader receives discovered tags
   * @param presenceCheckDelayMillis the {@code EXTRA_READER_PRESENCE_CHECK_DELAY} value, positive
   * @throws UnsupportedOperationException if the platform lacks reader mode (below API 19)
   * @throws IllegalArgumentException if the delay is not positive
   */
  public static void enable(
      Activity activity, NfcAdapter adapter, JpkiNfcReader<?> reader, int presenceCheckDelayMillis) {
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(reader, "reader");
    if (presenceCheckDelayMillis <= 0) {
      throw new IllegalArgumentException("presenceCheckDelayMillis must be positive, was " + presenceCheckDelayMillis);
    }
    Bundle extras = new Bundle();
    extras.putInt(JpkiNfcReader.EXTRA_READER_PRESENCE_CHECK_DELAY, presenceCheckDelayMillis);
    enableReflectively(adapter, activity, reader::onTagDiscovered, JpkiNfcReader.READER_FLAGS, extras);
  }

  /**
   * Disables reader mode for the activity.
   *
   * @param activity the activity that enabled it
   * @param adapter the device's adapter
   * @throws UnsupportedOperationException if the platform lacks reader mode (below API 19)
   */
  public static void disable(Activity activity, NfcAdapter adapter) {
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(adapter, "adapter");
    disableReflectively(adapter, activity);
  }

  /** Receives tags from the platform's {@code ReaderCallback}. */
  @FunctionalInterface
  interface TagSink {
    void onTagDiscovered(Tag tag);
  }

  /**
   * Calls {@code adapter.enableReaderMode(activity, callback, flags, extras)} where {@code callback} is
   * a proxy of the method's own callback interface forwarding {@code onTagDiscovered} to {@code sink}.
   * Works on any adapter class with that method shape, which keeps it testable off-device.
   */
  static void enableReflectively(Object adapter, Object activity, TagSink sink, int flags, @Nullable Object extras) {
    Method enable = findMethod(adapter.getClass(), "enableReaderMode", 4);
    Class<?> callbackType = enable.getParameterTypes()[1];
    if (!callbackType.isInterface()) {
      throw new UnsupportedOperationException("enableReaderMode's callback type is not an interface: " + callbackType.getName());
    }
    Object callback = Proxy.newProxyInstance(
        callbackType.getClassLoader(), new Class<?>[] {callbackType}, new Forwarder(sink));
    invoke(enable, adapter, activity, callback, flags, extras);
  }

  static void disableReflectively(Object adapter, Object activity) {
    invoke(findMethod(adapter.getClass(), "disableReaderMode", 1), adapter, activity);
  }

  private static Method findMethod(Class<?> type, String name, int parameters) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterTypes().length == parameters) {
        return m;
      }
    }
    throw new UnsupportedOperationException(
        "NfcAdapter." + name + " is not available: NFC reader mode needs Android 4.4 (API 19) or later");
  }

  private static void invoke(Method method, Object target, @Nullable Object... args) {
    try {
      method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause; // e.g. IllegalStateException: activity not resumed
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("NfcAdapter." + method.getName() + " failed", cause);
    } catch (IllegalAccessException e) {
      throw new UnsupportedOperationException("NfcAdapter." + method.getName() + " is not accessible", e);
    }
  }

  /** The platform's {@code ReaderCallback}: forwards tags, answers Object's methods itself. */
  private static final class Forwarder implements InvocationHandler {
    private final TagSink sink;

    Forwarder(TagSink sink) {
      this.sink = sink;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) {
      switch (method.getName()) {
        case "onTagDiscovered":
          if (args != null && args.length == 1 && args[0] instanceof Tag) {
            sink.onTagDiscovered((Tag) args[0]);
          }
          return null;
        case "equals":
          return args != null && args.length == 1 && proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "JpkiNfcReader.ReaderCallback";
        default:
          return null;
      }
    }
  }
}
