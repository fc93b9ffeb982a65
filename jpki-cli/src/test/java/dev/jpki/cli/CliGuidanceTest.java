// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that point to the fix: suggestions for mistyped subcommands and options, the persona only as
 * {@code --virtual=NAME}, file errors that say what is wrong, exit 4 with a next step, and the PIN prompt
 * that never waits on a console that is not a terminal.
 */
class CliGuidanceTest {
  @TempDir Path dir;

  @Test
  void mistypedSubcommand_suggestsTheCommand() {
    CliRunner.Result r = new CliRunner().run("sing");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("'sing'").contains("did you mean sign?");
  }

  @Test
  void mistypedOption_suggestsTheOption() {
    CliRunner.Result r = new CliRunner().run("--jsno", "version");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("did you mean --json?");
  }

  @Test
  void bareVirtual_theNextWordIsTheSubcommandNotAPersona() {
    CliRunner.Result r = new CliRunner().run("--virtual", "inof");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("did you mean info?").doesNotContain("persona");

    CliRunner.Result sign = new CliRunner().run("--virtual", "sing", "--in", "a", "--out", "b");
    assertThat(sign.code()).isEqualTo(ExitCode.USAGE);
    assertThat(sign.err()).contains("did you mean sign?").doesNotContain("persona");
  }

  @Test
  void bareVirtual_usesTheDefaultPersona_andEqualsNamesOne() {
    CliRunner.Result def = new CliRunner().run("--virtual", "--json", "info");
    assertThat(def.code()).as(def.err()).isZero();
    assertThat(def.json().get("tries").has("sign")).isTrue();

    CliRunner.Result phone = new CliRunner().run("--virtual=smartphone", "--json", "info");
    assertThat(phone.code()).as(phone.err()).isZero();
    assertThat(phone.json().get("token").asText()).isEqualTo("smartphone");
  }

  @Test
  void personaAsTheNextWord_isNotAPersona() {
    // "--virtual minor info": minor is not a subcommand, so it is reported, never used as the persona
    CliRunner.Result r = new CliRunner().run("--virtual", "minor", "info");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("'minor'");
  }

  @Test
  void withAttachedPersona_leavesArgumentsAfterDoubleDashAlone() {
    assertThat(Main.withAttachedPersona(new String[] {"--virtual", "info", "--", "--virtual"}))
        .containsExactly("--virtual=default", "info", "--", "--virtual");
    assertThat(Main.withAttachedPersona(new String[] {"--virtual=minor", "info"}))
        .containsExactly("--virtual=minor", "info");
  }

  @Test
  void signInputMissing_saysNoSuchFile() {
    String missing = dir.resolve("nosuch.txt").toString();
    CliRunner.Result r = new CliRunner().env("PW", "ABC123")
        .run("--virtual", "--password-env", "PW", "sign", "--key", "sign", "--in", missing, "--out",
            dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("cannot read --in " + missing + ": no such file");
  }

  @Test
  void signInputDirectory_saysItIsADirectory() {
    CliRunner.Result r = new CliRunner().env("PW", "ABC123")
        .run("--virtual", "--password-env", "PW", "sign", "--key", "sign", "--in", dir.toString(), "--out",
            dir.resolve("o").toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("it is a directory");
  }

  @Test
  void signOutputInAMissingDirectory_saysWhichDirectory() throws Exception {
    Path in = Files.writeString(dir.resolve("in.txt"), "data");
    Path out = dir.resolve("no/such/dir/out.sig");
    CliRunner.Result r = new CliRunner().env("PW", "ABC123")
        .run("--virtual", "--password-env", "PW", "sign", "--key", "sign", "--in", in.toString(), "--out",
            out.toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("cannot write --out", "no such directory: " + out.getParent());
  }

  @Test
  void verifyCertificateMissing_saysNoSuchFile() {
    CliRunner.Result r = new CliRunner().run("verify-cert", dir.resolve("c.pem").toString(), "--no-revocation",
        "--trust", dir.resolve("root.pem").toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void readerError_exit4EndsWithTheNextStep() {
    // whether or not a PC/SC service runs here, a reader that does not exist is exit 4
    CliRunner.Result r = new CliRunner().run("--reader", "no such reader 4711", "info");
    assertThat(r.code()).isEqualTo(ExitCode.CARD);
    String[] lines = r.err().strip().split("\n");
    assertThat(lines[lines.length - 1]).contains("next:", "jpki doctor", "--virtual");
  }

  @Test
  void noPinSourceAndNoTerminal_exit2NamingTheOption_neverWaits() {
    // Surefire's JVM has no terminal: on every JDK (17: console null; 22+: console present, not a terminal)
    // the CLI must ask for --pin-env instead of prompting.
    assertThat(Secrets.interactiveConsole()).isNull();
    CliRunner.Result r = new CliRunner().run("--virtual", "read-text");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("no console", "--pin-env");
  }

  @Test
  void interactive_nullConsoleIsNotInteractive() {
    assertThat(Secrets.interactive(null)).isNull();
  }
}
