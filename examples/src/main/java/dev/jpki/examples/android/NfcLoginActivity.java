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
import dev.jpki.card.AgeRecord;
import dev.jpki.card.CardDate;
import dev.jpki.card.Pin;
import dev.jpki.card.PinException;
import dev.jpki.card.WrongPinException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Tap the My Number Card to log in and check the holder's age.
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
  /** Age the check asks for. */
  static final int MINIMUM_AGE = 18;

  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private @Nullable NfcAdapter adapter;
  private @Nullable JpkiNfcReader<Outcome> reader;
  private @Nullable TextView status;
  /** Credentials for the next tap: [PIN, DOB key], set on the UI thread, taken by the worker. */
  private final AtomicReference<char @Nullable [][]> pending = new AtomicReference<>();

  /** What one tap produced: the login material for the server and the age check. */
  static final class Outcome {
    final X509Certificate authCertificate;
    final byte[] challenge;
    final byte[] signature;
    final int age;

    Outcome(X509Certificate authCertificate, byte[] challenge, byte[] signature, int age) {
      this.authCertificate = authCertificate;
      this.challenge = challenge;
      this.signature = signature;
      this.age = age;
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
                  byte[] challenge = newChallenge(); // in a real app: from the server
                  X509Certificate cert = card.jpki().authCertificate();
                  card.jpki().verify(pin);
                  // Bound to the origin this app talks to, never one the server names: a relayed challenge
                  // then yields a signature the real site refuses.
                  byte[] signature = card.jpki().signLogin(SERVER_ORIGIN, challenge);
                  AgeRecord record = card.visual().ageRecord(dobKey);
                  // Liveness: the chip signs a fresh challenge with the key its age record carries.
                  byte[] nonce = newChallenge();
                  if (!record.isChallengeSignatureValid(nonce, card.visual().signChallenge(nonce))) {
                    throw new IllegalStateException("The card did not prove possession of its age-record key");
                  }
                  return new Outcome(cert, challenge, signature, ageToday(record.birthDate()));
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
    // Send certificate, challenge and signature to the server, which verifies them with jpki-verify.
    setStatus("Logged in. Signature of " + outcome.signature.length + " bytes; "
        + (outcome.age >= MINIMUM_AGE ? "age check passed (" + MINIMUM_AGE + "+)." : "under " + MINIMUM_AGE + "."));
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


  /** Full years on today's date in Japan (java.time needs API 26; Calendar works on 24). */
  static int ageToday(CardDate birth) {
    Calendar now = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    int age = now.get(Calendar.YEAR) - birth.year();
    int month = now.get(Calendar.MONTH) + 1;
    int day = now.get(Calendar.DAY_OF_MONTH);
    if (month < birth.month() || (month == birth.month() && day < birth.day())) {
      age--;
    }
    return age;
  }
}
