// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code age}, {@code face-check}, {@code validity}, {@code login-demo} on the virtual card. */
class FlowCommandsTest {
  private static final String AT = "2026-11-27";
  @TempDir Path dir;

  @Test
  void age_everyPattern_defaultPersona() {
    CliRunner cli = new CliRunner().env("PW", "ABC123").env("B", "02051520345678").env("DOB", "020515");
    CliRunner.Result sign = cli.run("--virtual", "--password-env", "PW", "--json", "age", "--pattern", "sign", "--min-age", "18", "--at", AT);
    assertThat(sign.code()).as(sign.err()).isZero();
    JsonNode j = sign.json();
    assertThat(j.get("age").asInt()).isEqualTo(36);
    assertThat(j.get("pattern").asText()).isEqualTo("sign");
    assertThat(j.get("assurance").asText()).isEqualTo("CERTIFICATE_AND_PIN");
    assertThat(j.get("meetsMinimum").asBoolean()).isTrue();

    CliRunner.Result face = cli.run("--virtual", "--pin-b-env", "B", "--json", "age", "--pattern", "face", "--at", AT);
    assertThat(face.code()).as(face.err()).isZero();
    assertThat(face.json().get("age").asInt()).isEqualTo(36);
    assertThat(face.json().get("assurance").asText()).isEqualTo("CARD_DATA_AND_LIVENESS");
    assertThat(face.json().has("meetsMinimum")).isFalse();

    CliRunner.Result ocr = cli.run("--virtual", "--json", "age", "--pattern", "ocr", "--ocr-dob", "平成2年5月15日",
        "--ocr-expiry-year", "2034", "--ocr-security-code", "5678", "--at", AT);
    assertThat(ocr.code()).as(ocr.err()).isZero();
    assertThat(ocr.json().get("pattern").asText()).isEqualTo("ocr");

    CliRunner.Result dob = cli.run("--virtual", "--pin-env", "DOB", "--json", "age", "--pattern", "dob-key", "--min-age", "40", "--at", AT);
    assertThat(dob.code()).as(dob.err()).isEqualTo(ExitCode.NEGATIVE);
    assertThat(dob.json().get("meetsMinimum").asBoolean()).isFalse();
    assertThat(dob.json().get("age").asInt()).isEqualTo(36);
  }

  @Test
  void age_minorUnder18_exit1_revokedSignature_exit1_wrongCodeB_exit5() {
    CliRunner cli = new CliRunner().env("B", "22082020281111").env("PW", "ABC123").env("BAD", "22082020289999");
    CliRunner.Result minor = cli.run("--virtual=minor", "--pin-b-env", "B", "--json", "age", "--pattern", "face", "--min-age", "18", "--at", AT);
    assertThat(minor.code()).as(minor.err()).isEqualTo(ExitCode.NEGATIVE);
    assertThat(minor.json().get("age").asInt()).isEqualTo(16);

    CliRunner.Result revoked = cli.run("--virtual=revoked", "--password-env", "PW", "--json", "age", "--pattern", "sign", "--at", AT);
    assertThat(revoked.code()).as(revoked.err()).isEqualTo(ExitCode.NEGATIVE);
    assertThat(revoked.json().get("age").isNull()).isTrue();
    assertThat(revoked.json().get("reasons").get(0).get("code").asText()).isEqualTo("REVOKED");

    CliRunner.Result wrong = cli.run("--virtual=minor", "--pin-b-env", "BAD", "age", "--pattern", "face", "--at", AT);
    assertThat(wrong.code()).isEqualTo(ExitCode.WRONG_PIN);
    assertThat(wrong.err()).contains("9");
  }

  @Test
  void age_impossibleOcrDate_isUsageError_beforeTheCard() {
    CliRunner.Result r = new CliRunner().run("--virtual", "age", "--pattern", "ocr", "--ocr-dob", "平成31年5月1日",
        "--ocr-expiry-year", "2034", "--ocr-security-code", "5678");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("BIRTH_DATE").doesNotContain("平成31");
  }

  @Test
  void faceCheck_registerThenPinLessMatch_otherCardNotRegistered() {
    Path file = dir.resolve("reg.tsv");
    CliRunner cli = new CliRunner().env("PIN", "1234").env("B", "02051520345678").env("MB", "22082020281111");
    CliRunner.Result reg = cli.run("--virtual", "--pin-env", "PIN", "--pin-b-env", "B", "--json", "face-check", "--register",
        "--registrations", file.toString(), "--account", "a1", "--at", AT);
    assertThat(reg.code()).as(reg.err() + reg.out()).isZero();
    assertThat(reg.json().get("registered").asBoolean()).isTrue();

    CliRunner.Result later = cli.run("--virtual", "--pin-b-env", "B", "--json", "face-check", "--registrations", file.toString(),
        "--account", "a1", "--at", AT);
    assertThat(later.code()).as(later.err() + later.out()).isZero();
    JsonNode j = later.json();
    assertThat(j.get("status").asText()).isEqualTo("VALID");
    assertThat(j.get("genuine").asBoolean()).isTrue();
    assertThat(j.get("live").asBoolean()).isTrue();
    assertThat(j.get("matched").asBoolean()).isTrue();

    CliRunner.Result other = cli.run("--virtual=minor", "--pin-b-env", "MB", "--json", "face-check", "--registrations",
        file.toString(), "--account", "a1", "--at", AT);
    assertThat(other.code()).isEqualTo(ExitCode.NEGATIVE);
    assertThat(other.json().get("reasons").get(0).get("code").asText()).isEqualTo("DIFFERENT_CARD");
    assertThat(other.json().get("genuine").asBoolean()).isTrue();
  }

  @Test
  void validity_explainsRules_minorPersona() {
    CliRunner.Result r = new CliRunner().env("B", "22082020281111")
        .run("--virtual=minor", "--pin-b-env", "B", "--json", "validity", "--card-issued", "2024-06-01", "--at", AT);
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    JsonNode card = r.json().get("card");
    assertThat(card.get("expiry").asText()).isEqualTo("2028-08-20");
    assertThat(card.get("rule").asText()).isEqualTo("CARD_FIFTH_BIRTHDAY");
    assertThat(card.get("followsRule").asBoolean()).isTrue();
    JsonNode auth = r.json().get("certificates").get(0);
    assertThat(auth.get("type").asText()).isEqualTo("auth");
    assertThat(auth.get("rule").asText()).isEqualTo("CERTIFICATE_FIFTH_BIRTHDAY");
    assertThat(auth.get("followsRule").asBoolean()).isTrue();
  }

  @Test
  void validity_revokedSignatureCertificateSaysWhatToDo() {
    CliRunner.Result r = new CliRunner().env("PW", "ABC123")
        .run("--virtual=revoked", "--password-env", "PW", "--json", "validity", "--sign", "--at", AT);
    assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
    assertThat(r.json().get("certificates").get(1).get("type").asText()).isEqualTo("sign");
    assertThat(r.json().get("certificates").get(1).get("status").asText()).isEqualTo("INVALID");
    assertThat(r.json().get("certificates").get(1).get("findings").toString()).contains("municipal office");
  }

  @Test
  void loginDemo_default_valid() {
    CliRunner.Result r = new CliRunner().env("PIN", "1234").run("--virtual", "--pin-env", "PIN", "--json", "login-demo", "--at", AT);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json().get("status").asText()).isEqualTo("VALID");
    assertThat(r.json().get("subjectId").asText()).hasSize(64);
  }
}
