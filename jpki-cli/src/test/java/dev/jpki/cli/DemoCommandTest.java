// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The README's first command: {@code ./jpki demo} on the embedded virtual card. */
class DemoCommandTest {
  @Test
  void demo_json_everyStepHasTheExpectedVerdict() {
    CliRunner.Result r = new CliRunner().run("--json", "demo");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("login").get("status").asText()).isEqualTo("VALID");
    assertThat(j.get("signature").get("status").asText()).isEqualTo("VALID");
    assertThat(j.get("signature").get("age").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(j.get("faceCheck").get("genuine").asBoolean()).isTrue();
    assertThat(j.get("faceCheck").get("live").asBoolean()).isTrue();
    assertThat(j.get("revoked").get("status").asText()).isEqualTo("INVALID");
    assertThat(j.get("apdus").asInt()).isPositive();
  }

  @Test
  void demo_text_namesEachStep() {
    CliRunner.Result r = new CliRunner().run("demo");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("1. Card", "2. Login", "3. Signature", "4. Face-to-face", "5. Revoked", "APDUs");
    // Even the test persona's credentials are not printed: the demo shows the habit the SDK keeps.
    assertThat(r.out() + r.err()).doesNotContain("1234", "ABC123", "02051520345678", "123456789018");
  }
}
