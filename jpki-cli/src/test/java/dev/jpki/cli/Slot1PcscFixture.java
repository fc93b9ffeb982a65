// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.pcsc.PcscException;
import dev.jpki.pcsc.PcscReaders;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.nio.file.Path;
import java.time.Duration;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI tests that drive a reader through the real PC/SC stack share this set-up: the default persona's
 * virtual card inserted into vpcd slot 1 ("Virtual PCD 00 01") of the machine's pcscd. Without pcscd each
 * test is skipped with the reason (a class aborted in {@code @BeforeAll} would vanish from Surefire's
 * counts), unless {@code JPKI_REQUIRE_PCSC=true} (CI), which makes absence a failure. Subclasses call
 * {@link #insertCard(String)} from their own {@code @BeforeAll} and hold {@code @ResourceLock("pcsc-slot-1")}.
 */
abstract class Slot1PcscFixture {
  static final String SLOT_1 = "Virtual PCD 00 01";
  static VpcdBridge bridge;
  @TempDir Path dir;

  /** Why every test of the running class is skipped on this machine, or null when pcscd is usable. */
  static String skipReason;

  @BeforeEach
  void skipWithoutPrerequisites() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  /**
   * Inserts the default persona's card into slot 1, or records why the suite is skipped.
   *
   * @param suite the test class's name, for the one "[skipped]" line
   */
  static void insertCard(String suite) throws Exception {
    skipReason = null;
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
    skipReason = "pcscd with vsmartcard-vpcd not running: " + why;
    System.out.println("[skipped] " + suite + ": every test, " + skipReason);
  }

  /**
   * Takes the card out of slot 1 and inserts {@code card} (e.g. the virtual card wrapped in a testkit
   * reader model), waiting for pcscd to see both. Does nothing when the suite is skipped.
   *
   * @param card what the slot's reader and card answer
   */
  static void replaceCard(dev.jpki.testkit.card.ApduProcessor card) throws Exception {
    if (bridge == null) {
      return;
    }
    CardTerminal slot1 = PcscReaders.system().byName(SLOT_1);
    bridge.close();
    if (!slot1.waitForCardAbsent(10_000)) {
      throw new AssertionError("the virtual card did not leave '" + SLOT_1 + "'");
    }
    bridge = new VpcdBridge(card, VpcdBridge.DEFAULT_HOST, VpcdBridge.SLOT_1_PORT).start();
    if (!PcscReaders.waitForCardPresent(slot1, Duration.ofSeconds(10))) {
      throw new AssertionError("the replacement card did not appear in '" + SLOT_1 + "'");
    }
  }

  /**
   * Removes the card and waits until pcscd has seen it go: without the wait, the next suite's card could
   * be taken as present while pcscd still holds the old one, and its first APDU fails with
   * SCARD_E_NOT_TRANSACTED (seen when ReaderCommandsPcscTest ran right before FlowCommandsPcscTest).
   */
  @AfterAll
  static void removeCard() throws Exception {
    if (bridge != null) {
      bridge.close();
      bridge = null;
      CardTerminal slot1 = PcscReaders.system().byName(SLOT_1);
      if (!slot1.waitForCardAbsent(10_000)) {
        throw new AssertionError("the virtual card did not leave '" + SLOT_1 + "'");
      }
    }
  }
}
