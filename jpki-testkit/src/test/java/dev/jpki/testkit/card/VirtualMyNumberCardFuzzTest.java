// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random commands never make the card throw or fail internally (6F00), whatever its state. */
class VirtualMyNumberCardFuzzTest {
  private static final CardProfile PROFILE = TestCards.profile();

  private static final List<String> SETUPS = List.of(
      "",
      "00A4040C0AD392F000260100000001",
      "00A4040C0AD392F000260100000001 00A4020C020018 002000800431323334 00A4020C020017",
      "00A4040C0AD3921000310001010408 00A4020C020014",
      "00A4040C0AD3921000310001010100 00A4020C020001");

  @Property(tries = 3000)
  void process_randomCommand_answersWithAStatusWordAndNo6F00(
      @ForAll("setups") String setup, @ForAll("commands") byte[] command) {
    VirtualMyNumberCard card = VirtualMyNumberCard.create(PROFILE);
    for (String s : setup.split(" ")) {
      if (!s.isEmpty()) {
        card.process(TestCards.hex(s));
      }
    }
    byte[] r = card.process(command);
    assertThat(r.length).isGreaterThanOrEqualTo(2);
    assertThat(TestCards.sw(r)).isNotEqualTo(0x6F00);
  }

  @Provide
  Arbitrary<String> setups() {
    return Arbitraries.of(SETUPS);
  }

  @Provide
  Arbitrary<byte[]> commands() {
    // Mostly plausible headers (known CLA/INS) so the fuzzer reaches the command handlers.
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
    Arbitrary<byte[]> plausible = Arbitraries.bytes().array(byte[].class).ofMinSize(0)
        .ofMaxSize(270).flatMap(body -> Arbitraries.of(0x00, 0x80).flatMap(cla ->
            Arbitraries.of(0x20, 0x24, 0x2A, 0x32, 0x84, 0x88, 0xA4, 0xB0, 0xB2, 0xC0, 0xCA, 0xFC)
                .map(ins -> {
                  byte[] cmd = new byte[2 + body.length];
                  cmd[0] = (byte) (int) cla;
                  cmd[1] = (byte) (int) ins;
                  System.arraycopy(body, 0, cmd, 2, body.length);
                  return cmd;
                })));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(4, plausible));
  }
}
