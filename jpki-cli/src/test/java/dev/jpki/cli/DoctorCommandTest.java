// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jpki.pcsc.PcscReaders;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code jpki doctor} when the PC/SC service is down (the real pcscd keeps running for other tests). */
@ResourceLock("doctor-reader-source")
class DoctorCommandTest {

  /** What javax.smartcardio's terminals do when pcscd is not running. */
  static final class NoServiceTerminals extends CardTerminals {
    @Override
    public List<CardTerminal> list(State state) throws CardException {
      throw new CardException("list() failed", new CardException("SCARD_E_NO_SERVICE"));
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
      throw new CardException("waitForChange() failed", new CardException("SCARD_E_NO_SERVICE"));
    }
  }

  @AfterEach
  void restore() {
    DoctorCommand.readerSource = null;
  }

  @Test
  void doctor_pcscdDown_exit4WithFixCommands() {
    DoctorCommand.readerSource = () -> PcscReaders.of(new NoServiceTerminals());
    CliRunner.Result r = new CliRunner().run("--json", "doctor");
    assertThat(r.code()).isEqualTo(ExitCode.CARD);
    JsonNode j = r.json();
    assertThat(j.get("java").asText()).isNotEmpty();
    assertThat(j.get("pcsc").get("available").asBoolean()).isFalse();
    assertThat(j.get("pcsc").get("message").asText())
        .containsIgnoringCase("not running").contains("pcscd").contains("systemctl");
    assertThat(j.get("readers")).isEmpty();
    // stderr: one short line with the next step, not the advice again
    assertThat(r.err()).contains("PC/SC is not available", "--virtual").doesNotContain("systemctl");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void doctor_text_pcscdDown_saysHowToStartIt() {
    DoctorCommand.readerSource = () -> PcscReaders.of(new NoServiceTerminals());
    CliRunner.Result r = new CliRunner().run("doctor");
    assertThat(r.code()).isEqualTo(ExitCode.CARD);
    assertThat(r.out()).contains("Java:", "NOT AVAILABLE");
    // the advice once, one sentence per line, and the way to try without a reader
    String all = r.out() + r.err();
    assertThat(all.split("systemctl start pcscd", -1)).as(all).hasSize(3); // Debian and Fedora lines, once each
    assertThat(r.out().lines()).allMatch(l -> l.length() <= 120, "lines of at most 120 characters");
    assertThat(r.out()).contains("jpki --virtual demo");
    assertThat(r.err()).contains("--virtual");
  }
}
