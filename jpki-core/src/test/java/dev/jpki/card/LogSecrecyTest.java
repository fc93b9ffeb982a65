// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import static dev.jpki.card.Fixtures.chars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jpki.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every flow with trace logging on (src/test/resources/simplelogger.properties) and checks that
 * neither the log, nor any value's toString, nor any exception message carries a credential or
 * personal data (docs/conventions.md §7).
 */
class LogSecrecyTest {
  private static final String[] SECRETS = {
    Fixtures.SIGN_PASSWORD, "WRONG9", Fixtures.MY_NUMBER, Fixtures.PIN_B, "02051520340000", Fixtures.DOB_KEY,
    "試験", "花子", "千代田", "19900515", "1990-05-15", "20340515", "123456789012345",
    Hex.encode(Fixtures.ascii(Fixtures.AUTH_PIN)), Hex.encode(Fixtures.ascii(Fixtures.SIGN_PASSWORD)),
    Hex.encode(Fixtures.ascii("WRONG9")), Hex.encode(Fixtures.ascii(Fixtures.MY_NUMBER))
  };

  @Test
  void everyFlow_logsAndMessages_carryNoSecretOrPersonalData() throws Exception {
    List<String> surfaces = new ArrayList<>();
    FakeCard fake = Fixtures.defaultCard();
    try (MyNumberCard card = MyNumberCard.open(fake);
        Pin auth = Pin.authentication(chars(Fixtures.AUTH_PIN));
        Pin pw = Pin.signaturePassword(chars(Fixtures.SIGN_PASSWORD));
        Pin wrongPw = Pin.signaturePassword(chars("WRONG9"));
        Pin text = Pin.text(chars(Fixtures.TEXT_PIN));
        Pin a = Pin.verificationCodeA(chars(Fixtures.MY_NUMBER));
        Pin b = Pin.verificationCodeB(chars(Fixtures.PIN_B));
        Pin wrongB = Pin.verificationCodeB(chars("02051520340000"));
        Pin dob = Pin.dateOfBirthKey(chars(Fixtures.DOB_KEY))) {
      surfaces.add(card.info().toString());
      surfaces.add(auth.toString() + pw + a + b + dob + text);
      surfaces.add(String.valueOf(catchThrowable(() -> card.jpki().verify(wrongPw))));
      surfaces.add(String.valueOf(catchThrowable(() -> card.jpki().certificate(KeyType.SIGNATURE))));
      card.jpki().signatureCertificate(pw);
      card.jpki().verify(auth);
      card.jpki().signDigestInfo(KeyType.AUTHENTICATION, HashAlgorithm.SHA256.digestInfo(new byte[32]));
      surfaces.add(String.valueOf(catchThrowable(() -> card.text().basicInfo())));
      surfaces.add(card.text().myNumber(a).toString());
      surfaces.add(String.valueOf(catchThrowable(() -> card.text().verify(wrongB))));
      surfaces.add(card.text().basicInfo(b).toString());
      surfaces.add(card.text().basicInfo(text).toString());
      surfaces.add(card.visual().cardFace(b).toString());
      surfaces.add(card.visual().ageRecord(dob).toString());
      surfaces.add(card.common().record().toString());
      surfaces.add(card.toString());
      card.jpki().changePin(pw, Pin.signaturePassword(chars("NEW999")));
    }
    String log = new String(Files.readAllBytes(logFile()), StandardCharsets.UTF_8);
    // the log is not empty: the test would otherwise pass vacuously
    assertThat(log).contains("Verifying SIGNATURE in JPKI").contains(">> Apdu[00 20 00 80 Lc=6 Le=0 data=<redacted>]");
    surfaces.add(log);
    for (String s : surfaces) {
      for (String secret : SECRETS) {
        assertThat(s).as("must not contain a secret").doesNotContain(secret);
      }
      assertThat(s).doesNotContain("NEW999");
    }
  }

  private static Path logFile() {
    return Paths.get("target", "jpki-core-test.log");
  }
}
