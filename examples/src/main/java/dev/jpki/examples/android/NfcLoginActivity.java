// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples.android;

import android.app.Activity;
import android.nfc.NfcAdapter;
import android.os.Bundle;
import android.text.InputType;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import dev.jpki.Jpki;
import dev.jpki.android.JpkiNfcReader;
import dev.jpki.android.ReaderMode;
import dev.jpki.apdu.TransportException;
import dev.jpki.card.Pin;
import dev.jpki.card.PinException;
import dev.jpki.card.WrongPinException;
import dev.jpki.card.flow.AgeCheck;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Tap the My Number Card to log in and check the holder's age.
 *
 * <p>The phone decides nothing: it collects the login signature and the age evidence (the age record
 * read with the date-of-birth key, the visual AP's CVC and the card key's signature over the server's
 * challenge, {@link AgeCheck}) and sends them to the server, which verifies the login with {@code
 * LoginVerifier} and the age with {@code AgeVerifier} (issuer signature, liveness, age on the day). A
 * birth date read from the chip is not trusted until the server has checked the issuer's signature over
 * it: a forged chip could carry any date.
 *
 * <p>Manifest: {@code <uses-permission android:name="android.permission.NFC"/>} and
 * {@code <uses-feature android:name="android.hardware.nfc" android:required="true"/>}; minSdk 24.
 *
 * <p>The card work runs on {@link #worker}; results come back on the UI thread. The PIN and the
 * date-of-birth key are taken from the form on the UI thread when the user presses "Ready", handed to
 * the next tap and wiped after it.
 */
public final class NfcLoginActivity extends Activity {
  /** The relying party this app logs in to; its server's LoginVerifier is built with the same origin. */
  private static final String SERVER_ORIGIN = "https://login.example.jp";

  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private @Nullable NfcAdapter adapter;
  private @Nullable JpkiNfcReader<Outcome> reader;
  private @Nullable TextView status;
  /** Credentials for the next tap: [PIN, DOB key], set on the UI thread, taken by the worker. */
  private final AtomicReference<char @Nullable [][]> pending = new AtomicReference<>();

  /** What one tap produced: the login material and the age evidence, both for the server to verify. */
  static final class Outcome {
    final X509Certificate authCertificate;
    final byte[] challenge;
    final byte[] signature;
    /** {@code Evidence.toBytes()} of the date-of-birth-key age check, for the server's AgeVerifier. */
    final byte[] ageEvidence;

    Outcome(X509Certificate authCertificate, byte[] challenge, byte[] signature, byte[] ageEvidence) {
      this.authCertificate = authCertificate;
      this.challenge = challenge;
      this.signature = signature;
      this.ageEvidence = ageEvidence;
    }
  }

  @Override
  protected void onCreate(@Nullable Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    LinearLayout layout = new LinearLayout(this);
    layout.setOrientation(LinearLayout.VERTICAL);
    EditText pinField = secretField("利用者証明用パスワード (4 digits)");
    EditText dobField = secretField("生年月日キー (YYMMDD, era year)");
    Button ready = new Button(this);
    ready.setText("Ready");
    TextView text = new TextView(this);
    text.setText("Enter the PIN and date-of-birth key, press Ready, then hold the card to the phone.");
    ready.setOnClickListener(v -> {
      wipe(pending.getAndSet(new char[][] {take(pinField), take(dobField)}));
      setStatus("Hold the card to the phone.");
    });
    layout.addView(pinField);
    layout.addView(dobField);
    layout.addView(ready);
    layout.addView(text);
    setContentView(layout);
    status = text;

    reader = JpkiNfcReader.<Outcome>builder(
            transport -> {
              char[][] credentials = pending.getAndSet(null);
              if (credentials == null) {
                throw new IllegalStateException("Enter the PIN and date-of-birth key and press Ready first.");
              }
              try (Pin pin = Pin.authentication(credentials[0]); Pin dobKey = Pin.dateOfBirthKey(credentials[1])) {
                return Jpki.with(transport, card -> {
                  byte[] challenge = newChallenge(); // in a real app: LoginVerifier.newChallenge() on the server
                  X509Certificate cert = card.jpki().authCertificate();
                  card.jpki().verify(pin);
                  // Bound to the origin this app talks to, never one the server names: a relayed challenge
                  // then yields a signature the real site refuses.
                  byte[] signature = card.jpki().signLogin(SERVER_ORIGIN, challenge);
                  // The age check's evidence: the server verifies the issuer signature over the age
                  // record and the card key's signature over its own challenge, then computes the age.
                  byte[] ageChallenge = newChallenge(); // in a real app: AgeVerifier.newChallenge() on the server
                  byte[] ageEvidence =
                      AgeCheck.collect(card, dobKey, ageChallenge).toBytes();
                  return new Outcome(cert, challenge, signature, ageEvidence);
                });
              } finally {
                wipe(credentials);
              }
            },
            JpkiNfcReader.Callback.of(this::show, this::showError))
        .executor(worker)
        .callbackExecutor(this::runOnUiThread)
        .build();
  }

  @Override
  protected void onResume() {
    super.onResume();
    NfcAdapter a = NfcAdapter.getDefaultAdapter(this);
    adapter = a;
    JpkiNfcReader<Outcome> r = reader;
    if (a == null || r == null) {
      setStatus("This device has no NFC.");
      return;
    }
    ReaderMode.enable(this, a, r);
  }

  @Override
  protected void onPause() {
    NfcAdapter a = adapter;
    if (a != null) {
      ReaderMode.disable(this, a);
    }
    super.onPause();
  }

  @Override
  protected void onDestroy() {
    worker.shutdownNow();
    super.onDestroy();
  }

  private void show(Outcome outcome) {
    // Send certificate, challenge, signature and age evidence to the server: LoginVerifier decides the
    // login, AgeVerifier.verify(ageEvidence, ageChallenge, DATE_OF_BIRTH_KEY, 18) the age. The phone
    // shows no age of its own: it could not tell a forged chip's birth date from a genuine one.
    setStatus("Card read. Sending the login (" + outcome.signature.length + "-byte signature) and the age"
        + " evidence (" + outcome.ageEvidence.length + " bytes) to the server for verification.");
  }

  private void showError(Exception error) {
    if (error instanceof TransportException
        && ((TransportException) error).reason() == TransportException.Reason.CARD_REMOVED) {
      setStatus("The card moved away. Hold it still and tap again.");
    } else if (error instanceof WrongPinException) {
      setStatus("Wrong PIN: " + ((WrongPinException) error).remainingAttempts() + " tries left.");
    } else if (error instanceof PinException) {
      setStatus("PIN problem: " + error.getMessage());
    } else {
      setStatus("Could not read the card: " + error.getMessage());
    }
  }

  private void setStatus(String message) {
    TextView s = status;
    if (s != null) {
      s.setText(message);
    }
  }

  private EditText secretField(String hint) {
    EditText field = new EditText(this);
    field.setHint(hint);
    field.setInputType(InputType.TYPE_CLASS_NUMBER | InputType.TYPE_NUMBER_VARIATION_PASSWORD);
    return field;
  }

  /** Copies a form field into a char array (wiped after the tap) and clears the field. UI thread only. */
  private static char[] take(EditText field) {
    CharSequence text = field.getText();
    char[] chars = new char[text.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = text.charAt(i);
    }
    field.setText("");
    return chars;
  }

  private static void wipe(char @Nullable [][] credentials) {
    if (credentials != null) {
      for (char[] c : credentials) {
        Arrays.fill(c, '\0');
      }
    }
  }

  private static byte[] newChallenge() {
    byte[] c = new byte[32];
    new SecureRandom().nextBytes(c);
    return c;
  }
}
