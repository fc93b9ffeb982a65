// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.VirtualCards.chars;
import static dev.jpki.card.VirtualCards.date;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.internal.Hex;
import dev.jpki.card.jca.JpkiLoadParameter;
import dev.jpki.card.jca.JpkiProvider;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.transport.FaultInjectingTransport.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every card flow, clean and under faults, with a persona whose every secret is distinctive, while the
 * SDK logs at TRACE (src/test/resources/simplelogger.properties): no PIN, password, My Number, name,
 * address, date of birth or photo appears in the log, in any exception message (whole cause chain) or in
 * the {@code toString()} of any value the SDK returns — as text, UTF-8 or ASCII hex (either case) or
 * Base64.
 */
class SecretLeakTest {
  static final Persona LEAKY = Persona.builder("leak-check")
      .name("漏洩 検査")
      .address("北海道札幌市中央区漏洩町９－８－７")
      .birthDate(LocalDate.of(1977, 3, 29))
      .sex(Sex.MALE)
      .myNumber(myNumber("73918264501"))
      .securityCode("4721")
      .authPin("7319")
      .signPassword("QZX847")
      .textPin("6042")
      .commonPin("5286")
      .build();

  private static String myNumber(String first11) {
    return first11 + MyNumber.checkDigit(first11);
  }

  /** Every secret of the persona in every spelling a careless log line or message could use. */
  static Set<String> forbidden(Persona p) {
    Set<String> plain = new LinkedHashSet<>();
    plain.add(p.authPin());
    plain.add(p.signPassword());
    plain.add(p.textPin());
    plain.add(p.commonPin());
    plain.add(p.pinA());
    plain.add(p.pinB());
    plain.add(p.dobKey());
    plain.add(p.securityCode());
    String n = p.myNumber();
    plain.add(n);
    plain.add(n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8));
    plain.add(n.substring(0, 4) + "-" + n.substring(4, 8) + "-" + n.substring(8));
    plain.add(p.name());
    for (String part : p.name().split("[ 　]")) {
      plain.add(part);
    }
    plain.add(p.address());
    plain.add(p.address().substring(0, 8));
    LocalDate dob = p.birthDate();
    plain.add(dob.toString());
    plain.add(String.format(Locale.ROOT, "%04d%02d%02d", dob.getYear(), dob.getMonthValue(), dob.getDayOfMonth()));
    plain.add(String.format(Locale.ROOT, "%04d/%02d/%02d", dob.getYear(), dob.getMonthValue(), dob.getDayOfMonth()));
    plain.add("昭和52年");
    Set<String> all = new LinkedHashSet<>(plain);
    for (String s : plain) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      all.add(Hex.encode(utf8).toUpperCase(Locale.ROOT));
      all.add(Hex.encode(utf8).toLowerCase(Locale.ROOT));
      if (utf8.length >= 6) {
        all.add(Base64.getEncoder().withoutPadding().encodeToString(utf8).substring(0, 8));
      }
    }
    // a window from the middle of the photo (its first bytes are a standard JPEG 2000 header)
    byte[] photo;
    try {
      photo = CardFace.parse(p.visualAp().orElseThrow().cardFaceFile()).photo();
    } catch (dev.jpki.apdu.MalformedResponseException e) {
      throw new AssertionError(e);
    }
    byte[] window = java.util.Arrays.copyOfRange(photo, photo.length / 2, photo.length / 2 + 12);
    all.add(Hex.encode(window).toUpperCase(Locale.ROOT));
    all.add(Hex.encode(window).toLowerCase(Locale.ROOT));
    all.add(Base64.getEncoder().encodeToString(window));
    return all;
  }

  private static Path logFile() {
    return Paths.get("target", "jpki-testkit-test.log");
  }

  private static long logSize() throws Exception {
    return Files.exists(logFile()) ? Files.size(logFile()) : 0;
  }

  private static String logSince(long offset) throws Exception {
    byte[] all = Files.readAllBytes(logFile());
    return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
        StandardCharsets.UTF_8);
  }

  private static String chain(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append('\n');
      for (Throwable s : c.getSuppressed()) {
        sb.append(s).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void noSecretInLogsMessagesOrToString() throws Exception {
    Persona p = LEAKY;
    long logStart = logSize();
    List<String> surfaces = new ArrayList<>();

    // 1. every flow clean, then under faults at every APDU (exception messages, whole chain)
    Map<String, FaultInjectionTest.Flow> flows = FaultInjectionTest.flows(p);
    int faultsRun = 0;
    for (Map.Entry<String, FaultInjectionTest.Flow> e : flows.entrySet()) {
      FaultInjectionTest.Rig clean = new FaultInjectionTest.Rig(p);
      clean.run(e.getValue());
      int apdus = clean.transport.calls();
      for (int i = 1; i <= apdus; i++) {
        for (Fault fault : List.of(Fault.responseLost(), Fault.failBeforeSend(), Fault.statusWord(0x63C1),
            Fault.statusWord(0x6982), Fault.statusWord(0x6A82), Fault.truncated(100), Fault.garbage(i))) {
          FaultInjectionTest.Rig rig = new FaultInjectionTest.Rig(p);
          rig.transport.inject(i, fault);
          try {
            rig.run(e.getValue());
          } catch (Exception ex) {
            surfaces.add(chain(ex));
            faultsRun++;
          }
        }
      }
    }
    assertThat(faultsRun).as("faults produced exceptions to inspect").isGreaterThan(100);

    // 2. wrong values for every credential, and the values the SDK returns
    try (MyNumberCard card = new FaultInjectionTest.Rig(p).session;
        Pin auth = Pin.authentication(chars(p.authPin()));
        Pin pw = Pin.signaturePassword(chars(p.signPassword()));
        Pin text = Pin.text(chars(p.textPin()));
        Pin a = Pin.verificationCodeA(MyNumber.of(p.myNumber()));
        Pin b = Pin.verificationCodeB(chars(p.pinB()));
        Pin dob = Pin.dateOfBirthKey(date(p.birthDate()));
        Pin common = Pin.common(chars(p.commonPin()))) {
      surfaces.add(auth + " " + pw + " " + text + " " + a + " " + b + " " + dob + " " + common);
      surfaces.add(wrongDo(() -> card.jpki().verify(Pin.authentication(chars(near(p.authPin()))))));
      surfaces.add(wrongDo(() -> card.jpki().verify(Pin.signaturePassword(chars(near(p.signPassword()))))));
      surfaces.add(wrongDo(() -> card.text().verify(Pin.text(chars(near(p.textPin()))))));
      surfaces.add(wrongDo(() -> card.text().verify(Pin.verificationCodeB(chars(near(p.pinB()))))));
      surfaces.add(wrongDo(() -> card.visual().verify(Pin.dateOfBirthKey(chars(near(p.dobKey()))))));
      surfaces.add(wrongDo(() -> card.common().verify(Pin.common(chars(near(p.commonPin()))))));
      surfaces.add(wrong(() -> Pin.authentication(chars(p.authPin() + "9"))));
      surfaces.add(wrong(() -> Pin.verificationCodeA(chars(p.myNumber().substring(0, 11) + "0"))));
      surfaces.add(wrong(() -> MyNumber.of(p.myNumber().substring(0, 11) + "0")));
      surfaces.add(wrong(() -> card.text().basicInfo()));

      surfaces.add(card.info().toString());
      surfaces.add(card.jpki().token().toString());
      surfaces.add(card.jpki().pinStatus(PinType.AUTHENTICATION).toString());
      card.jpki().verify(auth);
      surfaces.add(card.jpki().signatureCertificate(pw).getClass().getName());
      surfaces.add(card.text().myNumber(text).toString());
      surfaces.add(card.text().basicInfo().toString());
      surfaces.add(card.text().basicInfo().birthDate().getClass().getName());
      surfaces.add(card.visual().cardFace(b).toString());
      surfaces.add(card.visual().ageRecord(dob).toString());
      surfaces.add(card.common().record().toString());
      surfaces.add(card.toString());
      surfaces.add(card.selectedApplication().toString());
      KeyStore ks = KeyStore.getInstance("JPKI", new JpkiProvider());
      ks.load(JpkiLoadParameter.of(card));
      surfaces.add(String.valueOf(ks.getKey("auth", p.authPin().toCharArray())));
      surfaces.add(String.valueOf(ks.getKey("sign", p.signPassword().toCharArray())));
      surfaces.add(wrong(() -> ks.getKey("sign", near(p.signPassword()).toCharArray())));
      card.jpki().changePin(auth, Pin.authentication(chars("8642")));
    }

    String log = logSince(logStart);
    assertThat(log).as("the SDK really logged at trace level meanwhile")
        .contains("data=<redacted>").contains("Verifying");
    surfaces.add(log);
    Set<String> secrets = forbidden(p);
    for (String s : surfaces) {
      for (String secret : secrets) {
        if (s.contains(secret)) {
          int at = s.indexOf(secret);
          // show where, not what: the context around the secret, with the secret itself masked
          String context = s.substring(Math.max(0, at - 80), at) + "<SECRET>"
              + s.substring(at + secret.length(), Math.min(s.length(), at + secret.length() + 40));
          throw new AssertionError("a secret (" + secret.length() + " chars) leaked here: " + context);
        }
      }
    }
  }

  /** A different value of the same shape: last character changed. */
  private static String near(String s) {
    char last = s.charAt(s.length() - 1);
    char other = Character.isDigit(last) ? (char) ('0' + (last - '0' + 1) % 10) : (last == 'A' ? 'B' : 'A');
    return s.substring(0, s.length() - 1) + other;
  }

  @FunctionalInterface
  interface Action {
    Object run() throws Exception;
  }

  @FunctionalInterface
  interface VoidAction {
    void run() throws Exception;
  }

  private static String wrongDo(VoidAction a) {
    return wrong(() -> {
      a.run();
      return "done";
    });
  }

  private static String wrong(Action a) {
    try {
      return "returned " + a.run();
    } catch (Exception | AssertionError e) {
      return chain(e);
    }
  }
}
