// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.apdu.TransportException.Reason;
import dev.jpki.pcsc.PcscException.Kind;
import dev.jpki.pcsc.fake.Pcsc;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.security.NoSuchAlgorithmException;
import javax.smartcardio.CardNotPresentException;
import org.junit.jupiter.api.Test;

/** The failure shapes {@code TerminalFactory.getInstance("PC/SC", null)} produces (observed, see each test). */
class PcscErrorsTest {

  @Test
  void map_factoryWithoutPcscd_serviceNotRunning() {
    // OpenJDK 17 on Debian with pcscd stopped: NoSuchAlgorithmException <- PCSCException(SCARD_E_NO_SERVICE)
    NoSuchAlgorithmException e = new NoSuchAlgorithmException(
        "Error constructing TerminalFactory for PC/SC using SunPCSC", new Pcsc.FakePcscException("SCARD_E_NO_SERVICE"));

    PcscException mapped = PcscErrors.map("opening the PC/SC service", e);

    assertThat(mapped.kind()).isEqualTo(Kind.SERVICE_NOT_RUNNING);
    assertThat(mapped.pcscCode()).contains("SCARD_E_NO_SERVICE");
    assertThat(mapped.getMessage()).startsWith("PC/SC service not running (start pcscd)");
  }

  @Test
  void map_factoryWithoutLibpcsclite_libraryNotFoundWithPropertyHint() {
    // Temurin 25 with a wrong library path: NoSuchAlgorithmException <- UnsupportedOperationException <- IOException
    NoSuchAlgorithmException e = new NoSuchAlgorithmException(
        "Error constructing TerminalFactory for PC/SC using SunPCSC",
        new UnsupportedOperationException("PC/SC not available on this platform",
            new IOException("/nonexistent/libpcsclite.so.1: cannot open shared object file: No such file or directory")));

    PcscException mapped = PcscErrors.map("opening the PC/SC service", e);

    assertThat(mapped.kind()).isEqualTo(Kind.LIBRARY_NOT_FOUND);
    assertThat(mapped.reason()).isEqualTo(Reason.SERVICE_UNAVAILABLE);
    assertThat(mapped.getMessage())
        .contains("libpcsclite")
        .contains("-Dsun.security.smartcardio.library=/usr/lib/x86_64-linux-gnu/libpcsclite.so.1");
  }

  @Test
  void map_noLibraryOnDefaultPaths_libraryNotFound() {
    NoSuchAlgorithmException e = new NoSuchAlgorithmException("Error constructing",
        new UnsupportedOperationException("PC/SC not available on this platform",
            new IOException("No PC/SC library found on this system")));

    assertThat(PcscErrors.map("x", e).kind()).isEqualTo(Kind.LIBRARY_NOT_FOUND);
  }

  @Test
  void map_noSunPcscProvider_libraryNotFoundNamingTheModule() {
    PcscException mapped = PcscErrors.map("x", new NoSuchAlgorithmException("PC/SC TerminalFactory not available"));

    assertThat(mapped.kind()).isEqualTo(Kind.LIBRARY_NOT_FOUND);
    assertThat(mapped.getMessage()).contains("java.smartcardio");
  }

  @Test
  void map_cardNotPresentWithoutCode_noCard() {
    PcscException mapped = PcscErrors.map("connecting", new CardNotPresentException("No card present"));

    assertThat(mapped.kind()).isEqualTo(Kind.NO_CARD);
  }

  @Test
  void map_bufferOverflow_responseTooLong() {
    assertThat(PcscErrors.map("x", new BufferOverflowException()).kind()).isEqualTo(Kind.RESPONSE_TOO_LONG);
  }

  @Test
  void map_channelClosed_closed() {
    assertThat(PcscErrors.map("x", new IllegalStateException("Card has been disconnected")).kind()).isEqualTo(Kind.CLOSED);
  }

  @Test
  void map_unknownFailure_communicationErrorKeepsDescription() {
    PcscException mapped = PcscErrors.map("reading", new RuntimeException("weird"));

    assertThat(mapped.kind()).isEqualTo(Kind.COMMUNICATION_ERROR);
    assertThat(mapped.pcscCode()).isEmpty();
    assertThat(mapped.getMessage()).contains("RuntimeException: weird").contains("reading");
  }
}
