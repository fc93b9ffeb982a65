// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.verify;

import android.app.Activity;
import android.nfc.NfcAdapter;
import android.nfc.Tag;
import android.os.Bundle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;

class ReaderModeTest {

  /** Shape of API 19's {@code NfcAdapter.ReaderCallback}. */
  public interface FakeReaderCallback {
    void onTagDiscovered(Tag tag);
  }

  /** An adapter with API 19's reader-mode methods, recording what it was given. */
  public static final class FakeAdapter {
    Object activity;
    FakeReaderCallback callback;
    int flags;
    Object extras;
    Object disabledFor;
    RuntimeException failure;

    public void enableReaderMode(Activity activity, FakeReaderCallback callback, int flags, Bundle extras) {
      if (failure != null) {
        throw failure;
      }
      this.activity = activity;
      this.callback = callback;
      this.flags = flags;
      this.extras = extras;
    }

    public void disableReaderMode(Activity activity) {
      this.disabledFor = activity;
    }
  }

  private final Activity activity = mock(Activity.class);
  private final Bundle extras = mock(Bundle.class);

  @Test
  void enableReflectively_platformCallbackForwardsTagsToSink() {
    FakeAdapter adapter = new FakeAdapter();
    List<Tag> received = new ArrayList<>();
    Tag tag = mock(Tag.class);

    ReaderMode.enableReflectively(adapter, activity, received::add, JpkiNfcReader.READER_FLAGS, extras);
    adapter.callback.onTagDiscovered(tag);

    assertThat(received).containsExactly(tag);
    assertThat(adapter.activity).isSameAs(activity);
    assertThat(adapter.flags).isEqualTo(JpkiNfcReader.READER_FLAGS);
    assertThat(adapter.extras).isSameAs(extras);
  }

  @Test
  void enableReflectively_callbackProxyAnswersObjectMethods() {
    FakeAdapter adapter = new FakeAdapter();

    ReaderMode.enableReflectively(adapter, activity, t -> { }, 0x83, extras);

    assertThat(adapter.callback.toString()).isEqualTo("JpkiNfcReader.ReaderCallback");
    assertThat(adapter.callback).isEqualTo(adapter.callback);
    assertThat(adapter.callback.hashCode()).isEqualTo(System.identityHashCode(adapter.callback));
  }

  @Test
  void enableReflectively_platformThrows_sameExceptionReachesCaller() {
    FakeAdapter adapter = new FakeAdapter();
    adapter.failure = new IllegalStateException("Activity must be resumed.");

    assertThatThrownBy(() -> ReaderMode.enableReflectively(adapter, activity, t -> { }, 0x83, extras))
        .isSameAs(adapter.failure);
  }

  @Test
  void disableReflectively_callsDisableReaderMode() {
    FakeAdapter adapter = new FakeAdapter();

    ReaderMode.disableReflectively(adapter, activity);

    assertThat(adapter.disabledFor).isSameAs(activity);
  }

  @Test
  void enable_api16Adapter_buildsPresenceExtraThenReportsReaderModeMissing() {
    // The stub jar's NfcAdapter is API 16: no enableReaderMode, as on a pre-4.4 phone.
    NfcAdapter old = mock(NfcAdapter.class);
    JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(t -> "x", JpkiNfcReader.Callback.of(r -> { }, e -> { }))
        .executor(Runnable::run)
        .build();

    try (MockedConstruction<Bundle> bundles = mockConstruction(Bundle.class)) {
      assertThatThrownBy(() -> ReaderMode.enable(activity, old, reader, 1500))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("API 19");

      assertThat(bundles.constructed()).hasSize(1);
      verify(bundles.constructed().get(0)).putInt("presence", 1500);
    }
  }

  @Test
  void disable_api16Adapter_reportsReaderModeMissing() {
    assertThatThrownBy(() -> ReaderMode.disable(activity, mock(NfcAdapter.class)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("disableReaderMode");
  }

  @Test
  void enable_nonPositiveDelay_throwsIllegalArgument() {
    JpkiNfcReader<String> reader = JpkiNfcReader.<String>builder(t -> "x", JpkiNfcReader.Callback.of(r -> { }, e -> { }))
        .executor(Runnable::run)
        .build();

    assertThatThrownBy(() -> ReaderMode.enable(activity, mock(NfcAdapter.class), reader, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
