// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.WrongPinException;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.SignatureVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SignPdf} and {@link VerifyPdf} on the virtual card: the signed PDF verifies; bad input is refused. */
class SignPdfTest {
  private static final Persona PERSONA = Personas.get("default");

  @TempDir Path dir;

  private Path plainPdf() throws IOException {
    Path in = dir.resolve("contract.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return Files.write(in, bytes.toByteArray());
    }
  }

  private Path signed() throws Exception {
    Path out = dir.resolve("signed.pdf");
    SignPdf.sign(PERSONA.newCard().transport(), "ABC123".toCharArray(), plainPdf(), out);
    return out;
  }

  private static SignatureVerifier verifier() {
    return TestVerification.forPersona(PERSONA).signatureVerifier();
  }

  @Test
  void signedPdf_verifiesWithPdfBoxAndOurVerifier() throws Exception {
    Path signed = signed();
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      assertThat(doc.getSignatureDictionaries()).hasSize(1);
      assertThat(doc.getSignatureDictionaries().get(0).getSubFilter()).isEqualTo("ETSI.CAdES.detached");
    }
    List<VerifyPdf.Check> checks = VerifyPdf.verify(signed, verifier());
    assertThat(checks).hasSize(1);
    assertThat(checks.get(0).isValid()).as(checks.get(0).cms().toString()).isTrue();
    assertThat(checks.get(0).cms().certificate()).contains(PERSONA.signCertificate().orElseThrow());
  }

  @Test
  void appendedAfterSigning_isNotValid() throws Exception {
    Path signed = signed();
    Files.write(signed, "\n%later\n".getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
    VerifyPdf.Check check = VerifyPdf.verify(signed, verifier()).get(0);
    assertThat(check.coversWholeFile()).isFalse();
    assertThat(check.isValid()).isFalse();
  }

  @Test
  void unsignedPdf_hasNoChecks() throws Exception {
    assertThat(VerifyPdf.verify(plainPdf(), verifier())).isEmpty();
  }

  @Test
  void wrongPassword_throwsWrongPin_andWritesNothing() throws Exception {
    Path out = dir.resolve("out.pdf");
    Path in = plainPdf();
    assertThatThrownBy(() -> SignPdf.sign(PERSONA.newCard().transport(), "WRONG1".toCharArray(), in, out))
        .hasRootCauseInstanceOf(WrongPinException.class);
    assertThat(out).doesNotExist();
  }

  @Test
  void main_badInput_oneLineAndExitCode_noStackTrace() throws Exception {
    Path signed = signed();
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a pdf");
    Path out = dir.resolve("out.pdf");
    assertExit(2, "no such file", () -> SignPdf.sign(PERSONA.newCard().transport(), "ABC123".toCharArray(),
        dir.resolve("missing.pdf"), out));
    assertExit(2, "notes.txt", () -> SignPdf.sign(PERSONA.newCard().transport(), "ABC123".toCharArray(), text, out));
    assertExit(2, "already signed", () -> SignPdf.sign(PERSONA.newCard().transport(), "ABC123".toCharArray(),
        signed, out));
    assertExit(5, "tries left", () -> SignPdf.sign(PERSONA.newCard().transport(), "WRONG1".toCharArray(),
        plainPdf(), out));
    assertThat(out).doesNotExist();
  }

  private static void assertExit(int code, String message, ExampleMain.Body body) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ExampleMain.exitCode("SignPdf", body, new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isEqualTo(code);
    assertThat(text).contains(message).doesNotContain("\tat ").doesNotContain("WRONG1").hasLineCount(1);
  }
}
