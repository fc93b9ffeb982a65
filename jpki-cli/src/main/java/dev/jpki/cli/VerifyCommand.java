// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.KeyType;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Failure;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.Status;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki verify --in SIG [--data F] [--prehashed] [--cert C] ...}: verifies a CMS SignedData, or with
 * {@code --cert} a raw PKCS#1 v1.5 signature as COMPUTE DIGITAL SIGNATURE returns it (docs/card-protocol.md §5.3), and
 * validates the signer certificate (path, JPKI profile of docs/card-protocol.md §9, revocation).
 *
 * <p>The signature under test is judged, never rejected as bad input: a malformed one is INVALID with
 * {@code MALFORMED_INPUT}. Files given to the other options that cannot be read or parsed are bad input
 * (exit 2).
 */
@Command(name = "verify", sortOptions = false,
    description = "Verify a CMS signature, or a raw PKCS#1 signature with --cert, and its signer certificate.")
final class VerifyCommand implements Callable<Integer> {
  private static final int[] HASH_LENGTHS = {20, 32, 48, 64};

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--in", required = true, paramLabel = "SIG",
      description = "The signature: CMS (DER, BER or PEM), or raw PKCS#1 bytes when --cert is given.")
  Path in = Path.of("in");

  @Option(names = "--data", paramLabel = "F",
      description = "The signed data (required for a raw signature; the content of a detached CMS).")
  @Nullable Path data;

  @Option(names = "--prehashed",
      description = "The --data file is already the SHA-256 hash (32 bytes, or 64 hex digits); raw signatures only.")
  boolean prehashed;

  @Option(names = "--cert", paramLabel = "C",
      description = "The signer certificate (PEM or DER): the signature is then raw PKCS#1. Further certificates "
          + "in the file are used as chain candidates.")
  @Nullable Path cert;

  @Option(names = "--allow-auth-signature",
      description = "Also accept a signature made with the user-authentication key. By default only the "
          + "signature certificate signs documents: the authentication certificate is for login.")
  boolean allowAuthSignature;

  @Mixin CheckOptions check;

  @Override
  public Integer call() {
    Main main = Main.root(spec);
    Path certFile = cert;
    Path dataFile = data;
    byte[] signature = InputFiles.read(in, "--in");
    boolean pdf = PdfSignatures.isPdf(signature);
    if (pdf && (certFile != null || dataFile != null || prehashed)) {
      throw new CliException(ExitCode.USAGE, "--in " + in + " is a PDF: its signatures and signed bytes are "
          + "inside it, so --cert, --data and --prehashed do not apply");
    }
    if (certFile != null && dataFile == null) {
      throw new CliException(ExitCode.USAGE, "a raw signature (--cert) needs --data: the signed data or its hash");
    }
    if (prehashed && certFile == null) {
      throw new CliException(ExitCode.USAGE, "--prehashed applies to raw signatures (with --cert) only");
    }
    TrustAnchors anchors = check.trust.load(false);
    Clock clock = check.clock();
    CertificateValidator validator = check.validatorBuilder()
        .trustAnchors(anchors)
        .revocation(check.revocation(main))
        .clock(clock)
        .build();
    SignatureVerifier.Builder vb = SignatureVerifier.builder(validator);
    if (allowAuthSignature) {
      vb.anyKeyType();
    }
    SignatureVerifier verifier = vb.build();
    List<X509Certificate> chain = new ArrayList<>(check.chain());
    X509Certificate signer = null;
    if (certFile != null) {
      List<X509Certificate> certs = TrustOptions.readCertificates(certFile, "--cert");
      signer = certs.get(0);
      chain.addAll(certs.subList(1, certs.size()));
    }
    if (pdf) {
      return verifyPdf(main, verifier, signature, chain, anchors);
    }
    if (signer != null && looksLikePem(signature)) {
      throw new CliException(ExitCode.USAGE, "with --cert the signature must be raw PKCS#1 bytes, but --in " + in
          + " is PEM text (a CMS? then drop --cert)");
    }
    byte[] content = dataFile == null ? null : InputFiles.read(dataFile, "--data");
    if (prehashed && content != null) {
      content = hash(content, dataFile);
    }
    VerificationResult result;
    Progress progress = Progress.start(main, "verifying the signature and its certificate"
        + (check.revocationMode() == CheckOptions.RevocationMode.DISABLED ? "" : ", checking revocation"));
    try {
      result = verify(verifier, signature, content, prehashed, signer, chain);
    } finally {
      progress.close();
    }
    if (!allowAuthSignature && result.certificateType().orElse(null) == KeyType.AUTHENTICATION) {
      main.err().println("jpki verify: the signer certificate is the user-authentication certificate "
          + "(利用者証明用). It is for login, not for signing documents: a document signature is made with the "
          + "signature certificate (署名用). Pass --allow-auth-signature to accept it anyway.");
    }
    return Verdicts.print(main.output(), result, signer != null ? "raw" : "cms", anchors, check);
  }

  /**
   * Verifies every signature of a PDF: its CMS (the signed bytes are the file minus the signature's own
   * placeholder) with the same verifier as any CMS, and its placement in the file. The verdict is the worst
   * of all signatures; the JSON describes the last signature (the one that covers the most) and lists them
   * all under {@code signatures}.
   */
  private int verifyPdf(Main main, SignatureVerifier verifier, byte[] pdf, List<X509Certificate> chain,
      TrustAnchors anchors) {
    List<PdfSignatures.Signature> signatures;
    Progress reading = Progress.start(main, "reading the PDF's signatures");
    try {
      signatures = PdfSignatures.signatures(pdf, in, "--in");
    } finally {
      reading.close();
    }
    if (signatures.isEmpty()) {
      ObjectNode doc = Output.object().put("status", Status.INVALID.name());
      doc.putArray("reasons").addObject().put("code", "PDF_NOT_SIGNED").put("message", "the PDF has no signature");
      doc.put("format", "pdf");
      doc.putArray("signatures");
      main.output().print(doc, "Status:      INVALID\nReasons:\n  PDF_NOT_SIGNED: the PDF has no signature\n");
      return ExitCode.NEGATIVE;
    }
    List<Verdicts.Reason> extra = new ArrayList<>();
    ArrayNode list = Output.array();
    Status overall = Status.VALID;
    VerificationResult last = null;
    List<Verdicts.Reason> lastProblems = List.of();
    for (int i = 0; i < signatures.size(); i++) {
      PdfSignatures.Signature s = signatures.get(i);
      VerificationResult r;
      Progress progress = Progress.start(main, "verifying signature " + (i + 1) + " of " + signatures.size());
      try {
        r = verifier.verifyCms(PdfSignatures.trimPadding(s.cms()), s.signedContent(), chain);
      } finally {
        progress.close();
      }
      Status st = worst(r.status(), s.problems().isEmpty() ? Status.VALID : Status.INVALID);
      overall = worst(overall, st);
      ObjectNode o = list.addObject().put("index", i + 1).put("subFilter", s.subFilter())
          .put("coversWholeDocument", s.coversWholeFile()).put("status", st.name());
      r.certificateType().ifPresent(t -> o.put("certificateType", Verdicts.typeName(t)));
      if (i < signatures.size() - 1) {
        String prefix = "signature " + (i + 1) + " of " + signatures.size() + ": ";
        for (Verdicts.Reason x : s.problems()) {
          extra.add(new Verdicts.Reason(x.code(), prefix + x.message()));
        }
        for (Failure f : r.failures()) {
          extra.add(new Verdicts.Reason(f.code().name(), prefix + f.message()));
        }
      } else {
        last = r;
        lastProblems = s.problems();
      }
    }
    extra.addAll(lastProblems);
    Verdicts.Built b = Verdicts.build(java.util.Objects.requireNonNull(last), "pdf", anchors, check, extra, overall);
    b.doc().set("signatures", list);
    b.text().append(Verdicts.line("PDF", signatures.size() + " signature(s); the last one "
        + (signatures.get(signatures.size() - 1).coversWholeFile() ? "covers" : "does NOT cover") + " the whole file"));
    main.output().print(b.doc(), b.text().toString());
    return Verdicts.exitCode(overall);
  }

  private static Status worst(Status a, Status b) {
    if (a == Status.INVALID || b == Status.INVALID) {
      return Status.INVALID;
    }
    return a == Status.INDETERMINATE || b == Status.INDETERMINATE ? Status.INDETERMINATE : Status.VALID;
  }

  private static boolean looksLikePem(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1).trim();
    return head.startsWith("-----BEGIN");
  }

  /**
   * The hash in a {@code --prehashed} data file: binary, or hex text (as {@code sha256sum} prints it, without
   * the file name). The length is then checked by the library against the signed DigestInfo.
   */
  private static byte[] hash(byte[] file, @Nullable Path name) {
    String text = new String(file, StandardCharsets.ISO_8859_1).trim();
    if (text.matches("[0-9a-fA-F]+") && isHashLength(text.length() / 2) && text.length() % 2 == 0) {
      byte[] out = new byte[text.length() / 2];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
      }
      return out;
    }
    if (isHashLength(file.length)) {
      return file;
    }
    throw new CliException(ExitCode.USAGE, "--prehashed: --data " + name + " must hold the hash (32 bytes for "
        + "SHA-256, or 64 hex digits), it has " + file.length + " bytes");
  }

  private static boolean isHashLength(int n) {
    for (int l : HASH_LENGTHS) {
      if (l == n) {
        return true;
      }
    }
    return false;
  }

  /**
   * The command's one call: a raw PKCS#1 signature when a signer certificate is given (over the data, or
   * over its hash with {@code --prehashed}), else a CMS structure (attached, or detached with the data).
   */
  static VerificationResult verify(SignatureVerifier verifier, byte[] signatureFile, byte @Nullable [] data,
      boolean prehashed, @Nullable X509Certificate signer, List<X509Certificate> chain) {
    if (signer == null) {
      return verifier.verifyCms(signatureFile, data, chain);
    }
    if (data == null) {
      throw new CliException(ExitCode.USAGE, "a raw signature (--cert) needs --data: the signed data or its hash");
    }
    return prehashed ? verifier.verifyRawDigest(signatureFile, data, signer, chain)
        : verifier.verifyRaw(signatureFile, data, signer, chain);
  }
}
