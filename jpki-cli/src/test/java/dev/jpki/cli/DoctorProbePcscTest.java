// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.reader.ReaderCards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code jpki doctor --probe --reader} through the real PC/SC stack (pcscd + vpcd, slot 1) with two reader
 * models on the card side: a reader that carries extended APDUs, and one that answers {@code 6700} to every
 * extended Le. Skipped without pcscd unless {@code JPKI_REQUIRE_PCSC=true} (CI).
 */
@ResourceLock("pcsc-slot-1")
@Timeout(120)
class DoctorProbePcscTest extends Slot1PcscFixture {
  @BeforeAll
  static void insertCard() throws Exception {
    insertCard("DoctorProbePcscTest");
  }

  @AfterEach
  void plainCardAgain() throws Exception {
    replaceCard(Personas.get("default").newCard());
  }

  @Test
  void extendedReader_probeSaysYes_withReaderAtrAndProtocol() {
    CliRunner.Result r = new CliRunner().run("--reader", SLOT_1, "--json", "doctor", "--probe");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("reader").asText()).isEqualTo(SLOT_1);
    assertThat(j.get("atr").asText()).isEqualTo("3BE000FF8131FE4514");
    assertThat(j.get("protocol").asText()).isEqualTo("T=1");
    assertThat(j.get("extended").asBoolean()).isTrue();
    assertThat(j.get("maxResponse").asInt()).isGreaterThan(256);
  }

  @Test
  void readerRefusingExtendedLe_probeSaysNo_oneLine() throws Exception {
    replaceCard(ReaderCards.refusesExtendedLe(Personas.get("default").newCard()));
    CliRunner.Result r = new CliRunner().run("--reader", SLOT_1, "doctor", "--probe");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.out()).contains("reader=\"" + SLOT_1 + "\"", "protocol=T=1", "maxResponse=256", "extended=no",
        "steps=512:SW_6700");
  }
}
