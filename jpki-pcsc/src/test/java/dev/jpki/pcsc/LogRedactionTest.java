// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.pcsc.fake.FakeTerminal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Trace logging (enabled for dev.jpki in src/test/resources/simplelogger.properties) shows headers only. */
class LogRedactionTest {
  private static final Path LOG = Path.of("target/jpki-pcsc-test.log");

  @Test
  void transceive_verifyAndSecretResponse_traceShowsHeaderAndSwButNoData() throws Exception {
    byte[] verify = HexFormat.of().parseHex("002000800839383736353433FF"); // PIN-like "9876543" + FF
    byte[] secret = HexFormat.of().parseHex("C0FFEE5EC2E79000");
    FakeTerminal reader = new FakeTerminal("Redaction reader", c -> secret.clone());
    try (PcscTransport t = PcscTransport.connect(reader,
        PcscTransport.Options.builder().extendedLength(dev.jpki.apdu.ExtendedLength.NEVER).build())) {
      t.transceive(verify);
    }

    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertThat(log).contains(">> 00 20 00 80 len=13").contains("<< SW=9000 len=8");
    assertThat(log.toUpperCase()).doesNotContain("39 38 37").doesNotContain("393837").doesNotContain("9876")
        .doesNotContain("C0FFEE").doesNotContain("C0 FF EE");
  }
}
