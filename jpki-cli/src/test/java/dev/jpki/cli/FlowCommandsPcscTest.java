package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.pcsc.PcscException;
import dev.jpki.pcsc.PcscReaders;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The age flow through the real PC/SC stack (pcscd + vpcd, the default persona in slot 1). A reader is
 * treated as a real card: without the CVC issuer key the answer is INDETERMINATE with the J-LIS advice;
 * with the key given by id ({@code --issuer-key}) the card face verifies. Skipped without pcscd unless
 * {@code JPKI_REQUIRE_PCSC=true}.
 */
@ResourceLock("pcsc-slot-1")
@Timeout(120)
class FlowCommandsPcscTest {
  static final String SLOT_1 = "Virtual PCD 00 01";
  static VpcdBridge bridge;
  @TempDir Path dir;

  /** Why every test of this class is skipped on this machine, or null when the prerequisites are there. */
  static String skipReason;

  @BeforeEach
  void skipWithoutPrerequisites() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @BeforeAll
  static void insertCard() throws Exception {
    boolean required = "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PCSC"));
    String why;
    try {
      PcscReaders readers = PcscReaders.system();
      if (readers.names().contains(SLOT_1)) {
        CardTerminal slot1 = readers.byName(SLOT_1);
        bridge = new VpcdBridge(Personas.get("default").newCard(), VpcdBridge.DEFAULT_HOST, VpcdBridge.SLOT_1_PORT).start();
        if (!PcscReaders.waitForCardPresent(slot1, Duration.ofSeconds(10))) {
          bridge.close();
          throw new AssertionError("the virtual card did not appear in '" + SLOT_1 + "' (slot busy?)");
        }
        return;
      }
      why = "no reader '" + SLOT_1 + "' in " + readers.names();
    } catch (PcscException e) {
      why = e.getMessage();
    }
    if (required) {
      throw new AssertionError("JPKI_REQUIRE_PCSC=true but pcscd with vsmartcard-vpcd is not usable: " + why);
    }
    // Not an abort here: a class aborted in @BeforeAll vanishes from Surefire's counts. Each test is
    // skipped with the reason instead (skipWithoutPrerequisites).
    skipReason = "pcscd with vsmartcard-vpcd not running: " + why;
    System.out.println("[skipped] FlowCommandsPcscTest: every test, " + skipReason);
  }

  @AfterAll
  static void removeCard() {
    if (bridge != null) {
      bridge.close();
    }
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
