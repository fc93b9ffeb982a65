// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.pki.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The age flow through the real PC/SC stack (pcscd + vpcd, the default persona in slot 1). A reader is
 * treated as a real card: without the CVC issuer key the answer is INDETERMINATE with the J-LIS advice;
 * with the key given by id ({@code --issuer-key}) the card face verifies. Skipped without pcscd unless
 * {@code JPKI_REQUIRE_PCSC=true}.
 */
@ResourceLock("pcsc-slot-1")
@Timeout(120)
class FlowCommandsPcscTest extends Slot1PcscFixture {
  @BeforeAll
  static void insertCard() throws Exception {
    insertCard("FlowCommandsPcscTest");
  }

  @Test
  void age_cardFace_throughPcscd_needsTheIssuerKey() throws Exception {
    CliRunner cli = new CliRunner().env("B", "02051520345678");
    CliRunner.Result noKey = cli.run("--reader", SLOT_1, "--pin-b-env", "B", "--json", "age", "--pattern", "face", "--at", "2026-11-27");
    assertThat(noKey.code()).as(noKey.err() + noKey.out()).isEqualTo(ExitCode.INDETERMINATE);
    assertThat(noKey.json().get("age").isNull()).isTrue();
    assertThat(noKey.json().get("reasons").get(0).get("message").asText())
        .contains("issuer key 6000023/001 not configured — obtain it from J-LIS");

    Path pem = dir.resolve("visual-ca.pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(TestPki.get().visualApCvcCaPublicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
    CliRunner.Result withKey = cli.run("--reader", SLOT_1, "--pin-b-env", "B", "--json", "age", "--pattern", "face",
        "--min-age", "20", "--issuer-key", "6000023/001=" + pem, "--at", "2026-11-27");
    assertThat(withKey.code()).as(withKey.err() + withKey.out()).isZero();
    assertThat(withKey.json().get("age").asInt()).isEqualTo(36);
    assertThat(withKey.json().get("meetsMinimum").asBoolean()).isTrue();
  }
}
