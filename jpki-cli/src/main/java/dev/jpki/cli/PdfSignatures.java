// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;

/**
 * PDF signatures for {@code sign --format pades} and {@code verify} of a PDF, with Apache PDFBox: the
 * signature goes into an incremental update as a detached CMS ({@code ETSI.CAdES.detached}, PAdES baseline
 * B-B shape), and what a signed PDF carries is taken apart for the verifier.
 *
 * <p>PDFBox never sees the card or a key: it hands over the bytes to sign and takes back the CMS structure,
 * which the caller builds through the {@code JPKI} JCA provider.
 */
final class PdfSignatures {
  /**
   * Room reserved in the PDF for the CMS structure: an RSA-2048 signature, the signer certificate
   * (about 1.5 KB) and the signed attributes need about 2.5 KB; the rest leaves space for a longer
   * certificate chain.
   */
  static final int RESERVED_SIGNATURE_BYTES = 16 * 1024;

  private static final int HEADER_SEARCH = 1024;

  private PdfSignatures() {}

  /**
   * Whether a file is a PDF: {@code %PDF-} within its first kilobyte (readers accept leading bytes there).
   *
   * @param file the file's bytes
   * @return true for a PDF
   */
  static boolean isPdf(byte[] file) {
    byte[] magic = "%PDF-".getBytes(StandardCharsets.ISO_8859_1);
    int end = Math.min(file.length, HEADER_SEARCH) - magic.length;
    outer:
    for (int i = 0; i <= end; i++) {
      for (int j = 0; j < magic.length; j++) {
        if (file[i + j] != magic[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Opens a PDF named by an option; bad input becomes exit 2 with a message that says what is wrong.
   *
   * @param pdf the file's bytes
   * @param file the file, for messages
   * @param option the option that named it
   * @return the open document (the caller closes it)
   */
  static PDDocument open(byte[] pdf, Path file, String option) {
    if (!isPdf(pdf)) {
      throw new CliException(ExitCode.USAGE, option + " " + file + " is not a PDF (no %PDF- header)");
    }
    try {
      return Loader.loadPDF(pdf);
    } catch (InvalidPasswordException e) {
      throw new CliException(ExitCode.USAGE, option + " " + file + " is an encrypted PDF that needs a password to "
          + "open; jpki does not open encrypted PDFs: decrypt it first", e);
    } catch (IOException | RuntimeException e) {
      throw new CliException(ExitCode.USAGE, option + " " + file + " is not a readable PDF (" + reason(e) + ")", e);
    }
  }

  /** A PDF prepared for one signature: the bytes to sign, and the step that puts the CMS into the file. */
  static final class Prepared implements AutoCloseable {
    private final PDDocument document;
    private final ExternalSigningSupport signing;
    private final ByteArrayOutputStream out;
    private final byte[] content;

    private Prepared(PDDocument document, ExternalSigningSupport signing, ByteArrayOutputStream out, byte[] content) {
      this.document = document;
      this.signing = signing;
      this.out = out;
      this.content = content;
    }

    /** @return the bytes the CMS signs (the whole signed file except the signature's own placeholder) */
    byte[] content() {
      return content.clone();
    }

    /**
     * Puts the CMS structure into the placeholder.
     *
     * @param cms the detached CMS SignedData over {@link #content()}
     * @return the complete signed PDF
     * @throws IOException if the structure does not fit the reserved room
     */
    byte[] finish(byte[] cms) throws IOException {
      if (cms.length > RESERVED_SIGNATURE_BYTES) {
        throw new IOException("the CMS signature (" + cms.length + " bytes) exceeds the reserved "
            + RESERVED_SIGNATURE_BYTES + " bytes");
      }
      signing.setSignature(cms);
      return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
      document.close();
    }
  }

  /**
   * Checks that a PDF can be signed and adds an empty signature to it as an incremental update: the
   * original bytes stay as they are, so earlier readers see the same document.
   *
   * @param pdf the file's bytes
   * @param file the file, for messages
   * @param option the option that named it
   * @param signingTime the time written as the signature's {@code /M} (PAdES puts it there, not into the CMS)
   * @return the prepared signature
   */
  static Prepared prepare(byte[] pdf, Path file, String option, Calendar signingTime) {
    PDDocument doc = open(pdf, file, option);
    try {
      if (doc.isEncrypted()) {
        throw new CliException(ExitCode.USAGE, option + " " + file + " is an encrypted PDF; jpki does not sign "
            + "encrypted PDFs: decrypt it first, sign, then protect the signed file if needed");
      }
      if (!doc.getSignatureDictionaries().isEmpty()) {
        throw new CliException(ExitCode.USAGE, option + " " + file + " is already signed ("
            + doc.getSignatureDictionaries().size() + " signature(s)); jpki signs unsigned PDFs only, so it never "
            + "changes what an earlier signer approved");
      }
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      signature.setSignDate(signingTime);
      SignatureOptions options = new SignatureOptions();
      options.setPreferredSignatureSize(RESERVED_SIGNATURE_BYTES);
      doc.addSignature(signature, options);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * RESERVED_SIGNATURE_BYTES + 4096);
      ExternalSigningSupport signing = doc.saveIncrementalForExternalSigning(out);
      byte[] content;
      try (InputStream in = signing.getContent()) {
        content = in.readAllBytes();
      }
      return new Prepared(doc, signing, out, content);
    } catch (IOException | RuntimeException e) {
      try {
        doc.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof CliException) {
        throw (CliException) e;
      }
      throw new CliException(ExitCode.USAGE, option + " " + file + ": cannot add a signature to this PDF ("
          + reason(e) + ")", e);
    }
  }

  /** @return a calendar at the current time in UTC, for {@link #prepare} */
  static Calendar now() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  /**
   * The signed attributes of a PAdES B-B signature: content-type, message-digest, the ESS
   * signing-certificate-v2 that binds the signer certificate (ETSI EN 319 142-1 §5.2), and no
   * signing-time (PAdES takes the time from the signature dictionary's {@code /M}).
   *
   * @param signer the signer certificate
   * @return the generator for BouncyCastle's {@code SignerInfoGeneratorBuilder}
   * @throws CertificateEncodingException if the certificate cannot be encoded
   */
  static CMSAttributeTableGenerator padesSignedAttributes(X509Certificate signer) throws CertificateEncodingException {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(signer.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    IssuerSerial issuerSerial = new IssuerSerial(
        new GeneralNames(new GeneralName(X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))),
        signer.getSerialNumber());
    SigningCertificateV2 signingCertificate = new SigningCertificateV2(new ESSCertIDv2(hash, issuerSerial));
    AttributeTable extra = new AttributeTable(
        new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate)));
    DefaultSignedAttributeTableGenerator standard = new DefaultSignedAttributeTableGenerator(extra);
    return parameters -> standard.getAttributes(parameters).remove(CMSAttributes.signingTime);
  }

  /**
   * What one signature of a PDF holds, and what is wrong with its placement in the file.
   *
   * @param subFilter the signature's {@code /SubFilter}
   * @param cms the {@code /Contents} bytes (the CMS structure, zero padding removed by the CMS parser)
   * @param signedContent the bytes its {@code /ByteRange} covers
   * @param coversWholeFile whether the byte range ends at the end of the file (nothing appended after it)
   * @param problems reasons the signature cannot be accepted whatever its CMS says (code, message)
   */
  @SuppressWarnings("ArrayRecordComponent") // internal value holder: never compared or hashed
  record Signature(String subFilter, byte[] cms, byte[] signedContent, boolean coversWholeFile,
      List<Verdicts.Reason> problems) {}

  /**
   * Every signature of a PDF, in file order.
   *
   * @param pdf the file's bytes
   * @param file the file, for messages
   * @param option the option that named it
   * @return the signatures, empty for an unsigned PDF
   */
  static List<Signature> signatures(byte[] pdf, Path file, String option) {
    List<Signature> out = new ArrayList<>();
    try (PDDocument doc = open(pdf, file, option)) {
      for (PDSignature s : doc.getSignatureDictionaries()) {
        out.add(inspect(pdf, s));
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, option + " " + file + " is not a readable PDF (" + reason(e) + ")", e);
    }
    return out;
  }

  private static Signature inspect(byte[] pdf, PDSignature s) {
    List<Verdicts.Reason> problems = new ArrayList<>();
    String subFilter = s.getSubFilter();
    String sf = subFilter == null ? "(none)" : subFilter;
    if (!PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName().equals(subFilter)
        && !PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED.getName().equals(subFilter)) {
      problems.add(new Verdicts.Reason("PDF_UNSUPPORTED_SIGNATURE",
          "signature /SubFilter " + sf + " is not supported (ETSI.CAdES.detached and adbe.pkcs7.detached are)"));
      return new Signature(sf, new byte[0], new byte[0], false, problems);
    }
    int[] br = s.getByteRange();
    // The byte range must be two pieces: from the start of the file to the '<' of /Contents, and from
    // after its '>' onwards; anything else could leave bytes outside the signature that a reader shows.
    boolean shape = br.length == 4 && br[0] == 0 && br[1] > 0 && br[2] > br[1] && br[3] >= 0
        && (long) br[2] + br[3] <= pdf.length && pdf[br[1]] == '<' && pdf[br[2] - 1] == '>'
        && hexOnly(pdf, br[1] + 1, br[2] - 1);
    if (!shape) {
      problems.add(new Verdicts.Reason("PDF_BYTE_RANGE", "the signature's /ByteRange does not cover the file "
          + "around its /Contents exactly"));
      return new Signature(sf, new byte[0], new byte[0], false, problems);
    }
    boolean whole = (long) br[2] + br[3] == pdf.length;
    if (!whole) {
      problems.add(new Verdicts.Reason("PDF_MODIFIED_AFTER_SIGNING", "the file has "
          + (pdf.length - (br[2] + br[3])) + " bytes after the end of what this signature covers: it was changed "
          + "after signing"));
    }
    try {
      return new Signature(sf, s.getContents(pdf), s.getSignedContent(pdf), whole, problems);
    } catch (IOException e) {
      problems.add(new Verdicts.Reason("PDF_BYTE_RANGE", "the signed bytes cannot be read: " + reason(e)));
      return new Signature(sf, new byte[0], new byte[0], false, problems);
    }
  }

  private static boolean hexOnly(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = b[i];
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * The CMS of a signature without the zero padding that fills the rest of the {@code /Contents}
   * placeholder, so that the verifier, which refuses trailing bytes, sees the structure alone.
   *
   * @param contents the {@code /Contents} bytes
   * @return the CMS structure's own bytes (DER or BER), or {@code contents} when it cannot be parsed (the
   *     verifier then says why)
   */
  static byte[] trimPadding(byte[] contents) {
    ByteArrayInputStream in = new ByteArrayInputStream(contents);
    try (ASN1InputStream asn1 = new ASN1InputStream(in, contents.length)) {
      if (asn1.readObject() == null) {
        return contents;
      }
    } catch (IOException | RuntimeException e) {
      return contents;
    }
    // the parser reads no further than the end of the first element (for indefinite lengths, its end marker)
    return Arrays.copyOf(contents, contents.length - in.available());
  }

  /** A failure's message for the user, without Java class names. */
  static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "the file is damaged or not a PDF" : m;
  }
}
