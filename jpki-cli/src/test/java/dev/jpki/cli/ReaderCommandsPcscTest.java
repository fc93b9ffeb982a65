// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The CLI's card subcommands with {@code --reader} through the real PC/SC stack: pcscd + vpcd with the
 * default persona's virtual card in slot 1 ("Virtual PCD 00 01"). Skipped without pcscd unless
 * {@code JPKI_REQUIRE_PCSC=true} (CI), which makes absence a failure.
 */
@ResourceLock("pcsc-slot-1")
@Timeout(120)
class ReaderCommandsPcscTest extends Slot1PcscFixture {
  @BeforeAll
  static void insertCard() throws Exception {
    insertCard("ReaderCommandsPcscTest");
  }

  @Test
  void info_readerByName_reportsTheCard() {
    CliRunner.Result r = new CliRunner().run("--reader", SLOT_1, "--json", "info");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("token").asText()).isEqualTo("card");
    assertThat(j.get("tries").get("auth").asInt()).isEqualTo(3);
  }

  @Test
  void pinStatus_readerByIndex_sameCard() {
    CliRunner.Result r = new CliRunner().run("--reader", "1", "--json", "pin-status");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json().get("tries").get("sign").asInt()).isEqualTo(5);
  }

  @Test
  void readText_overPcsc_decodes4Info() {
    CliRunner.Result r = new CliRunner().env("PIN", "1234")
        .run("--reader", SLOT_1, "--pin-env", "PIN", "--json", "read-text");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json().get("birthDate").asText()).isEqualTo("1990-05-15");
  }

  @Test
  void certsAndSign_overPcsc_signatureVerifies() throws Exception {
    Path data = Files.write(dir.resolve("d"), new byte[] {1, 2, 3});
    CliRunner cli = new CliRunner().env("PIN", "1234");
    assertThat(cli.run("--reader", SLOT_1, "certs", "--out", dir.toString()).code()).isZero();
    CliRunner.Result r = cli.run("--reader", SLOT_1, "--pin-env", "PIN", "sign", "--key", "auth",
        "--in", data.toString(), "--out", dir.resolve("s").toString());
    assertThat(r.code()).as(r.err()).isZero();
    Signature v = Signature.getInstance("SHA256withRSA");
    v.initVerify(CardCommandsTest.readPem(dir.resolve("auth.pem")));
    v.update(Files.readAllBytes(data));
    assertThat(v.verify(Files.readAllBytes(dir.resolve("s")))).isTrue();
  }

  @Test
  void readFace_overPcsc_writesPhoto() throws Exception {
    CliRunner.Result r = new CliRunner().env("B", "02051520345678")
        .run("--reader", SLOT_1, "--pin-b-env", "B", "read-face", "--photo-out", dir.resolve("p.jp2").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.size(dir.resolve("p.jp2"))).isPositive();
  }

  @Test
  void unknownReader_exit4WithReaderNames() {
    CliRunner.Result r = new CliRunner().run("--reader", "No Such Reader", "info");
    assertThat(r.code()).isEqualTo(ExitCode.CARD);
    assertThat(r.err()).contains("No Such Reader");
  }
}
