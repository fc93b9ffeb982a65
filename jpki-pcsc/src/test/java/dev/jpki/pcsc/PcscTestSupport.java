// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.time.Duration;
import javax.smartcardio.CardTerminal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * End-to-end support: the real PC/SC stack (javax.smartcardio → libpcsclite → pcscd → vpcd) with the
 * virtual card behind {@link VpcdBridge} (docs/testing.md §1). Without pcscd + vsmartcard-vpcd the test
 * classes are skipped, unless {@code JPKI_REQUIRE_PCSC=true} (CI), which turns absence into a failure.
 */
final class PcscTestSupport {
  static final String SLOT_0 = "Virtual PCD 00 00";
  static final String SLOT_1 = "Virtual PCD 00 01";
  static final Duration CARD_WAIT = Duration.ofSeconds(10);

  private PcscTestSupport() {}

  private static @Nullable String unavailable;

  /**
   * The system readers, or null when pcscd with vpcd is not usable (then every test of the class is
   * skipped by {@link #assumeVpcd()}, which reports each one with the reason). In CI ({@code
   * JPKI_REQUIRE_PCSC=true}) absence is a failure instead.
   *
   * <p>Called from {@code @BeforeAll}: an abort there would make the whole class vanish from Surefire's
   * counts, so the skip happens per test.
   */
  static @Nullable PcscReaders vpcdOrNull(Class<?> suite) {
    boolean required = "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PCSC"));
    String why;
    try {
      PcscReaders readers = PcscReaders.system();
      if (readers.names().contains(SLOT_0) && readers.names().contains(SLOT_1)) {
        unavailable = null;
        return readers;
      }
      why = "readers " + readers.names() + " lack '" + SLOT_0 + "' and '" + SLOT_1 + "'";
    } catch (PcscException e) {
      why = e.kind() + ": " + e.getMessage();
    }
    if (required) {
      throw new AssertionError("JPKI_REQUIRE_PCSC=true but pcscd with vsmartcard-vpcd is not usable: " + why);
    }
    unavailable = "pcscd with vsmartcard-vpcd not running (" + why + ")";
    // One line per suite in the build output says why its tests show up as skipped.
    System.out.println("[skipped] " + suite.getSimpleName() + ": every test, " + unavailable);
    return null;
  }

  /** Skips the current test, with the reason, when {@link #vpcdOrNull(Class)} found no pcscd with vpcd. */
  static void assumeVpcd() {
    String why = unavailable;
    if (why != null) {
      Assumptions.abort(why);
    }
  }

  /** Puts a card into a slot and waits until pcscd reports it. */
  static VpcdBridge insert(ApduProcessor card, CardTerminal reader, int slot) throws Exception {
    VpcdBridge bridge = new VpcdBridge(card, VpcdBridge.DEFAULT_HOST, VpcdBridge.portForSlot(slot)).start();
    if (!PcscReaders.waitForCardPresent(reader, CARD_WAIT)) {
      bridge.close();
      throw new AssertionError("card did not appear in '" + reader.getName() + "' (another test or program using slot " + slot + "?)");
    }
    return bridge;
  }

  /** Takes the card out and waits until pcscd reports the reader empty. */
  static void remove(VpcdBridge bridge, CardTerminal reader) throws Exception {
    bridge.close();
    PcscReaders.waitForCardAbsent(reader, CARD_WAIT);
  }
}
