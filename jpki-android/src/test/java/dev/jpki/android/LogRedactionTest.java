// SPDX-License-Identifier: Apache-2.0
package dev.jpki.android;

import static org.assertj.core.api.Assertions.assertThat;

import android.nfc.tech.IsoDep;
import dev.jpki.apdu.ExtendedLength;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Trace logging (enabled for dev.jpki in src/test/resources/simplelogger.properties) shows headers only. */
class LogRedactionTest {
  private static final Path LOG = Path.of("target/jpki-android-test.log");

  @Test
  void transceive_verifyAndSign_traceShowsHeadersButNoPinOrSignature() throws Exception {
    IsoDep isoDep = IsoDepTransportTest.mockIsoDep(TestCard.newCard(), new ArrayList<>(), false, 261);
    byte[] signature;
    try (IsoDepTransport t = IsoDepTransport.connect(isoDep,
        IsoDepTransport.Options.builder().extendedLength(ExtendedLength.NEVER).build())) {
      t.transceive(TestCard.SELECT_JPKI);
      t.transceive(TestCard.SELECT_AUTH_PIN);
      t.transceive(TestCard.VERIFY_AUTH_PIN);
      t.transceive(TestCard.SELECT_AUTH_KEY);
      signature = TestCard.data(t.transceive(TestCard.sign("m".getBytes(StandardCharsets.UTF_8))));
    }

    String log = Files.readString(LOG, StandardCharsets.UTF_8).toUpperCase();
    assertThat(log).contains(">> 00 20 00 80 LEN=9").contains(">> 80 2A 00 80");
    assertThat(log).doesNotContain("31 32 33 34").doesNotContain("31323334").doesNotContain(TestCard.AUTH_PIN);
    String sigHex = java.util.HexFormat.of().withUpperCase().formatHex(signature, 0, 8);
    assertThat(log).doesNotContain(sigHex);
  }
}
