// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.revocation.RevocationSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;

/**
 * Verifies every signature of a PDF with the SDK's {@link SignatureVerifier}: PDFBox finds the signatures,
 * the bytes each one covers and its CMS; the verifier checks the CMS, the signer certificate's path to a
 * trust anchor, the JPKI profile and revocation. A signature is accepted only if it also covers the whole
 * file (nothing appended after signing). Run: {@code java ... dev.jpki.examples.VerifyPdf --virtual signed.pdf}
 * (test PKI) or {@code ... VerifyPdf signed.pdf sign.crl} (J-LIS production roots and their CRL).
 */
public final class VerifyPdf {
  private VerifyPdf() {}

  /**
   * One signature's verdict.
   *
   * @param cms the verifier's verdict on the signature and its certificate
   * @param coversWholeFile whether the signature covers the file up to its end
   */
  public record Check(VerificationResult cms, boolean coversWholeFile) {
    /** @return whether this signature is valid and nothing was appended after it */
    public boolean isValid() {
      return cms.isValid() && coversWholeFile;
    }
  }

  /**
   * Verifies each signature of a PDF, in file order (empty for an unsigned PDF).
   *
   * @param pdf the file
   * @param verifier the verifier (trust anchors, revocation, clock)
   * @return one check per signature
   * @throws IOException if the file cannot be read or is not a PDF
   */
  public static List<Check> verify(Path pdf, SignatureVerifier verifier) throws IOException {
    byte[] file = Files.readAllBytes(pdf);
    List<Check> checks = new ArrayList<>();
    try (PDDocument doc = SignPdf.open(pdf)) {
      for (PDSignature signature : doc.getSignatureDictionaries()) {
        int[] range = signature.getByteRange();
        byte[] contents = signature.getContents(file);
        // /Contents is zero-padded after the CMS; the verifier wants the structure alone
        ByteArrayInputStream in = new ByteArrayInputStream(contents);
        new ASN1InputStream(in, contents.length).readObject();
        byte[] cms = Arrays.copyOf(contents, contents.length - in.available());
        checks.add(new Check(verifier.verifyCms(cms, signature.getSignedContent(file)),
            (long) range[2] + range[3] == file.length));
      }
    }
    return checks;
  }

  /**
   * Entry point: {@code --virtual FILE.pdf}, or {@code FILE.pdf CRL}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("VerifyPdf", () -> {
      boolean virtual = args.length == 2 && "--virtual".equals(args[0]);
      if (args.length != 2) {
        throw new IllegalArgumentException("usage: VerifyPdf --virtual FILE.pdf | VerifyPdf FILE.pdf CRL");
      }
      SignatureVerifier verifier = virtual ? TestVerification.create().signatureVerifier()
          : SignatureVerifier.builder(CertificateValidator.builder().trustAnchors(TrustAnchors.production())
              .revocation(RevocationSource.crlFile(Path.of(args[1]))).build()).build();
      List<Check> checks = verify(Path.of(virtual ? args[1] : args[0]), verifier);
      for (Check c : checks) {
        System.out.println(c.cms().status() + (c.coversWholeFile() ? "" : ", but the file changed after signing")
            + " " + c.cms().failures());
      }
      if (checks.isEmpty() || !checks.stream().allMatch(Check::isValid)) {
        System.exit(1);
      }
    });
  }
}
