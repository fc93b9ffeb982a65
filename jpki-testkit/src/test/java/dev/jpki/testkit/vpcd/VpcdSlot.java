// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.vpcd;

import dev.jpki.testkit.card.ApduProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.jspecify.annotations.Nullable;

/**
 * One reader of the machine's pcscd + vsmartcard-vpcd for end-to-end tests (docs/testing.md §1): finds it,
 * says why it cannot be used (or fails when {@code JPKI_REQUIRE_PCSC=true}, as in CI), inserts a card (the
 * virtual card, or the virtual card wrapped in a reader model from {@code dev.jpki.testkit.reader}) and waits
 * until pcscd sees it, and takes it out again waiting until pcscd sees it gone (without that wait the next
 * suite's first APDU can fail with {@code SCARD_E_NOT_TRANSACTED}).
 *
 * <p>Test classes call {@link #find(int)} from {@code @BeforeAll} and skip each test with {@link
 * Found#unavailable()} rather than aborting the class: a class aborted in {@code @BeforeAll} vanishes from
 * Surefire's counts.
 */
public final class VpcdSlot {
  /** How long pcscd may take to see a card arrive or leave. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  private VpcdSlot() {}

  /**
   * What {@link #find(int)} found.
   *
   * @param terminal the slot's reader, or null when unusable
   * @param unavailable why the slot cannot be used, or null when it can
   */
  public record Found(@Nullable CardTerminal terminal, @Nullable String unavailable) {}

  /**
   * The reader name of a vpcd slot.
   *
   * @param slot 0 or 1
   * @return e.g. {@code "Virtual PCD 00 01"}
   */
  public static String readerName(int slot) {
    VpcdBridge.portForSlot(slot); // validates the slot
    return "Virtual PCD 00 0" + slot;
  }

  /**
   * Whether absence of pcscd with vpcd is a failure ({@code JPKI_REQUIRE_PCSC=true}) rather than a skip.
   *
   * @return true in CI
   */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("JPKI_REQUIRE_PCSC"));
  }

  /**
   * Looks for the slot's reader through a fresh PC/SC terminal factory (the default one stays "None" if
   * pcscd was down when first asked, docs/testing.md §1.7).
   *
   * @param slot 0 or 1
   * @return the reader, or why it is unusable
   * @throws AssertionError if {@link #required()} and the reader is missing
   */
  public static Found find(int slot) {
    String name = readerName(slot);
    String why;
    try {
      List<String> names = new ArrayList<>();
      for (CardTerminal t : TerminalFactory.getInstance("PC/SC", null).terminals().list()) {
        if (t.getName().equals(name)) {
          return new Found(t, null);
        }
        names.add(t.getName());
      }
      why = "no reader '" + name + "' among " + names;
    } catch (Exception e) {
      why = "PC/SC not available: " + e;
    }
    if (required()) {
      throw new AssertionError("JPKI_REQUIRE_PCSC=true but pcscd with vsmartcard-vpcd is not usable: " + why);
    }
    return new Found(null, "pcscd with vsmartcard-vpcd not running (" + why + ")");
  }

  /**
   * Inserts a card into the slot and waits until pcscd reports it.
   *
   * @param reader the slot's reader
   * @param slot 0 or 1
   * @param card what the card (and the reader model around it) answers
   * @return the running bridge; {@link #remove} it
   * @throws IOException if vpcd cannot be reached
   * @throws CardException if PC/SC fails while waiting
   * @throws AssertionError if the card does not appear in time (another card in the slot?)
   */
  public static VpcdBridge insert(CardTerminal reader, int slot, ApduProcessor card) throws IOException, CardException {
    VpcdBridge bridge = new VpcdBridge(card, VpcdBridge.DEFAULT_HOST, VpcdBridge.portForSlot(slot)).start();
    if (!reader.waitForCardPresent(WAIT.toMillis())) {
      bridge.close();
      throw new AssertionError("the card did not appear in '" + reader.getName() + "' (another card in slot "
          + slot + "?)");
    }
    return bridge;
  }

  /**
   * Takes the card out and waits until pcscd reports the reader empty.
   *
   * @param bridge the bridge from {@link #insert}
   * @param reader the slot's reader
   * @throws CardException if PC/SC fails while waiting
   * @throws AssertionError if the card does not leave in time
   */
  public static void remove(VpcdBridge bridge, CardTerminal reader) throws CardException {
    bridge.close();
    if (!reader.waitForCardAbsent(WAIT.toMillis())) {
      throw new AssertionError("the card did not leave '" + reader.getName() + "'");
    }
  }
}
