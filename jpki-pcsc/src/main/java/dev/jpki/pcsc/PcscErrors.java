// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import dev.jpki.pcsc.PcscException.Kind;
import java.nio.BufferOverflowException;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.smartcardio.CardNotPresentException;
import org.jspecify.annotations.Nullable;

/**
 * The one place where {@code javax.smartcardio} failures become {@link PcscException}s with a message
 * that says what to do (docs/conventions.md §4: map errors in one place).
 *
 * <p>SunPCSC reports PC/SC errors as a {@code CardException} ("transmit() failed") whose cause is an
 * internal {@code sun.security.smartcardio.PCSCException} whose message is the PC/SC name, e.g.
 * {@code SCARD_W_REMOVED_CARD}. That class is not accessible, so the name is read from the messages
 * along the cause chain.
 */
final class PcscErrors {
  private static final Pattern SCARD_CODE = Pattern.compile("SCARD_[EWFP]_[A-Z_]+");

  static final String SERVICE_FIX =
      "PC/SC service not running (start pcscd)."
          + " Debian/Ubuntu: sudo apt-get install pcscd && sudo systemctl start pcscd."
          + " Fedora/RHEL: sudo dnf install pcsc-lite && sudo systemctl start pcscd."
          + " macOS: PC/SC is built in and reports this while no reader is connected: plug in the reader."
          + " Windows: start the \"Smart Card\" service (as administrator: sc start SCardSvr)."
          + " If pcscd was restarted while this program was running, restart this program too.";

  static final String LIBRARY_FIX =
      "PC/SC library (libpcsclite) not found by Java."
          + " Debian/Ubuntu: sudo apt-get install libpcsclite1 pcscd; Fedora/RHEL: sudo dnf install pcsc-lite-libs."
          + " If it is installed in an unusual place, pass its path to Java, e.g."
          + " -Dsun.security.smartcardio.library=/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"
          + " (Fedora/RHEL: /usr/lib64/libpcsclite.so.1).";

  static final String NO_READER_FIX =
      "No smart-card reader found. Connect a reader (contact, or contactless such as a Sony PaSoRi);"
          + " on Linux install its driver (sudo apt-get install libccid) and check with pcsc_scan"
          + " (package pcsc-tools).";

  private PcscErrors() {}

  /**
   * Maps a failure of a {@code javax.smartcardio} call.
   *
   * @param operation what was being done, e.g. "connecting to reader 'X'" (no APDU data)
   * @param failure the platform exception
   * @return the classified exception with a message that says what to do
   */
  static PcscException map(String operation, Throwable failure) {
    if (failure instanceof PcscException) {
      return (PcscException) failure;
    }
    String code = findCode(failure);
    if (failure instanceof CardNotPresentException) {
      // TerminalImpl.connect wraps SCARD_W_REMOVED_CARD / SCARD_E_NO_SMARTCARD this way: the reader is empty.
      return new PcscException(
          Kind.NO_CARD, code, "No card while " + operation + ". " + insertCard(), failure);
    }
    if (code != null) {
      return fromCode(operation, code, failure);
    }
    if (failure instanceof BufferOverflowException) {
      return responseTooLong(operation, null, failure);
    }
    if (isLibraryMissing(failure)) {
      return new PcscException(Kind.LIBRARY_NOT_FOUND, null, LIBRARY_FIX, failure);
    }
    if (failure instanceof NoSuchAlgorithmException) {
      // No SunPCSC provider at all, e.g. a jlink'ed runtime without the java.smartcardio module.
      return new PcscException(
          Kind.LIBRARY_NOT_FOUND,
          null,
          "Java's PC/SC provider (SunPCSC, module java.smartcardio) is not available in this Java"
              + " runtime (" + describe(failure) + "). Use a full JDK/JRE or add --add-modules"
              + " java.smartcardio to the jlink image.",
          failure);
    }
    if (failure instanceof IllegalStateException) {
      // CardImpl.checkState(): "Card has been removed" after SCARD_W_REMOVED_CARD was seen once,
      // "Card has been disconnected" / "Channel has been closed" after a disconnect.
      String m = String.valueOf(failure.getMessage());
      if (m.contains("removed")) {
        return new PcscException(
            Kind.CARD_REMOVED, null, "The card was removed while " + operation + ". " + reinsert(), failure);
      }
      if (m.contains("disconnected") || m.contains("closed")) {
        return new PcscException(
            Kind.CLOSED, null, "The card connection was already closed while " + operation + ".", failure);
      }
    }
    return new PcscException(
        Kind.COMMUNICATION_ERROR,
        null,
        "PC/SC failure while " + operation + " (" + describe(failure) + "). Re-insert the card and try again.",
        failure);
  }

  private static PcscException fromCode(String operation, String code, Throwable failure) {
    switch (code) {
      case "SCARD_E_NO_SERVICE":
      case "SCARD_E_SERVICE_STOPPED":
        return new PcscException(
            Kind.SERVICE_NOT_RUNNING, code, SERVICE_FIX + " (" + code + " while " + operation + ")", failure);
      case "SCARD_E_NO_READERS_AVAILABLE":
        return new PcscException(
            Kind.NO_READER, code, NO_READER_FIX + " (" + code + " while " + operation + ")", failure);
      case "SCARD_E_UNKNOWN_READER":
      case "SCARD_E_READER_UNAVAILABLE":
        return new PcscException(
            Kind.READER_GONE,
            code,
            "The reader became unavailable while " + operation + " (" + code + "). Reconnect the reader"
                + " (check the USB cable) and try again.",
            failure);
      case "SCARD_W_REMOVED_CARD":
      case "SCARD_E_NO_SMARTCARD":
        return new PcscException(
            Kind.CARD_REMOVED,
            code,
            "The card was removed while " + operation + " (" + code + "). " + reinsert(),
            failure);
      case "SCARD_W_RESET_CARD":
        return new PcscException(
            Kind.CARD_RESET,
            code,
            "The card was reset (by another program, the reader, or the system after an idle transaction)"
                + " while " + operation + " (" + code + "); verified PINs are lost. Verify again and repeat"
                + " the operation.",
            failure);
      case "SCARD_E_SHARING_VIOLATION":
        return new PcscException(
            Kind.SHARING_VIOLATION,
            code,
            "Another program is using the card (" + code + ") while " + operation + ". Close other"
                + " smart-card software (a browser or mail client with a PKCS#11 module, JPKI利用者ソフト,"
                + " another jpki process) and try again.",
            failure);
      case "SCARD_E_INSUFFICIENT_BUFFER":
        return responseTooLong(operation, code, failure);
      case "SCARD_E_TIMEOUT":
        return new PcscException(
            Kind.TIMEOUT, code, "The reader did not answer in time while " + operation + " (" + code + ").", failure);
      case "SCARD_E_PROTO_MISMATCH":
        return new PcscException(
            Kind.PROTOCOL_MISMATCH,
            code,
            "The card does not support the requested protocol (" + code + " while " + operation
                + "). Connect with"
                + " PcscTransport.Protocol.ANY.",
            failure);
      case "SCARD_W_UNRESPONSIVE_CARD":
      case "SCARD_W_UNPOWERED_CARD":
      case "SCARD_W_UNSUPPORTED_CARD":
        return new PcscException(
            Kind.COMMUNICATION_ERROR,
            code,
            "The card does not answer (" + code + ") while " + operation + ". Re-insert it (chip side"
                + " first for contact readers); if it persists, the card or reader may be faulty.",
            failure);
      case "SCARD_E_NOT_TRANSACTED":
      case "SCARD_F_COMM_ERROR":
      case "SCARD_E_COMM_DATA_LOST":
        return new PcscException(
            Kind.COMMUNICATION_ERROR,
            code,
            "The reader could not exchange the APDU (" + code + ") while " + operation + ". Re-insert"
                + " the card and try again; if it happens only with long commands, connect with"
                + " extendedLength(NEVER).",
            failure);
      default:
        return new PcscException(
            Kind.COMMUNICATION_ERROR,
            code,
            "PC/SC failure while " + operation + " (" + code + "). Re-insert the card and try again.",
            failure);
    }
  }

  static PcscException responseTooLong(String operation, @Nullable String code, Throwable failure) {
    // docs/testing.md §1.6: SunPCSC's native receive buffer is 8192 bytes; pcscd itself carries more.
    return new PcscException(
        Kind.RESPONSE_TOO_LONG,
        code,
        "The card's response is longer than 8192 bytes, the limit of Java's PC/SC implementation"
            + " (javax.smartcardio)" + (code == null ? "" : " (" + code + ")") + ", while " + operation
            + ". Read in chunks of at most 8190 bytes.",
        failure);
  }

  static String insertCard() {
    return "Insert the My Number Card into the reader (or place it on the contactless reader) and try"
        + " again.";
  }

  private static String reinsert() {
    return "Put the card back (keep it still on a contactless reader) and start the operation again.";
  }

  /** Finds the first PC/SC error name in the messages along the cause chain. */
  static @Nullable String findCode(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      String m = t.getMessage();
      if (m != null) {
        Matcher matcher = SCARD_CODE.matcher(m);
        if (matcher.find()) {
          return matcher.group();
        }
      }
    }
    return null;
  }

  /**
   * Whether SunPCSC could not load libpcsclite: {@code NoSuchAlgorithmException} caused by
   * {@code UnsupportedOperationException("PC/SC not available on this platform")} caused by the
   * {@code IOException} of the library loader (seen on Temurin 25 with a wrong library path).
   */
  private static boolean isLibraryMissing(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      String m = t.getMessage();
      if (t instanceof UnsupportedOperationException && m != null && m.contains("PC/SC not available")) {
        return true;
      }
      if (t instanceof UnsatisfiedLinkError) {
        return true;
      }
      if (m != null && m.contains("No PC/SC library found")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    String m = failure.getMessage();
    return failure.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
