// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress lines: on a terminal only, never with {@code --json}, cleared before the result. */
class ProgressTest {
  private final BooleanSupplier saved = Progress.terminal;

  @TempDir Path dir;

  @AfterEach
  void restore() {
    Progress.terminal = saved;
  }

  private String[] verifyArgs(boolean json) throws Exception {
    Path pki = dir.resolve("pki");
    TestPki.get().export(pki, Personas.get("default"), TestPki.REFERENCE_TIME);
    Path data = Files.writeString(dir.resolve("d.txt"), "contract");
    Path sig = dir.resolve("d.p7s");
    CliRunner.Result signed = new CliRunner().env("PW", "ABC123").run("--virtual", "--password-env", "PW", "sign",
        "--key", "sign", "--format", "cms", "--in", data.toString(), "--out", sig.toString());
    assertThat(signed.code()).as(signed.err()).isZero();
    String[] base = {"verify", "--in", sig.toString(), "--trust", pki.resolve("sign-root.pem").toString(),
        "--crl", pki.resolve("sign.crl").toString(), "--at", TestPki.REFERENCE_TIME.toString()};
    if (!json) {
      return base;
    }
    String[] withJson = new String[base.length + 1];
    withJson[0] = "--json";
    System.arraycopy(base, 0, withJson, 1, base.length);
    return withJson;
  }

  @Test
  void onATerminal_verifyShowsProgressOnStderr_andClearsIt() throws Exception {
    Progress.terminal = () -> true;
    CliRunner.Result r = new CliRunner().run(verifyArgs(false));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("\rjpki: reading and indexing CRL ").contains("\rjpki: verifying the signature");
    assertThat(r.err()).endsWith("\r"); // the line was blanked and the cursor returned
    assertThat(r.out()).doesNotContain("\r").contains("VALID");
  }

  @Test
  void withJson_noProgressEvenOnATerminal() throws Exception {
    Progress.terminal = () -> true;
    CliRunner.Result r = new CliRunner().run(verifyArgs(true));
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.json().get("status").asText()).isEqualTo("VALID");
  }

  @Test
  void notATerminal_noProgress() throws Exception {
    CliRunner.Result r = new CliRunner().run(verifyArgs(false));
    assertThat(r.code()).isZero();
    assertThat(r.err()).doesNotContain("\r");
  }

  @Test
  void update_isThrottledAndOverwritesLongerLines() {
    java.io.StringWriter err = new java.io.StringWriter();
    try (Progress p = Progress.start(new java.io.PrintWriter(err), true, "virtual card")) {
      p.update("1 commands answered");
      p.update("2 commands answered"); // within 200 ms of the first: not shown
    }
    String s = err.toString();
    assertThat(s).contains("\rjpki: virtual card: 1 commands answered").doesNotContain("2 commands");
    assertThat(s).endsWith("\r");
  }
}
