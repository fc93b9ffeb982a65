package dev.jpki.pcsc;

import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.time.Duration;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.Assumptions;

/**
 * End-to-end support: the real PC/SC stack (javax.smartcardio → libpcsclite → pcscd → vpcd) with the
 * virtual card behind {@link VpcdBridge} (test-infra.md §1). Without pcscd + vsmartcard-vpcd the test
 * classes are skipped, unless {@code JPKI_REQUIRE_PCSC=true} (CI), which turns absence into a failure.
 */
final class PcscTestSupport {
  static final String SLOT_0 = "Virtual PCD 00 00";
  static final String SLOT_1 = "Virtual PCD 00 01";
  static final Duration CARD_WAIT = Duration.ofSeconds(10);

  private PcscTestSupport() {}

  /** The system readers, or the test class is skipped (or failed in CI). */
  static PcscReaders requireVpcd() {
    boolean required = "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PCSC"));
    String why;
    try {
      PcscReaders readers = PcscReaders.system();
      if (readers.names().contains(SLOT_0) && readers.names().contains(SLOT_1)) {
        return readers;
      }
      why = "readers " + readers.names() + " lack '" + SLOT_0 + "' and '" + SLOT_1 + "'";
    } catch (PcscException e) {
      why = e.kind() + ": " + e.getMessage();
    }
    if (required) {
      throw new AssertionError("JPKI_REQUIRE_PCSC=true but pcscd with vsmartcard-vpcd is not usable: " + why);
    }
    Assumptions.abort("pcscd with vsmartcard-vpcd not running (" + why + ")");
    throw new AssertionError("unreachable");
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
