// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.verify.BadInputException;
import dev.jpki.verify.BasicFourInfo;
import dev.jpki.verify.BirthDate;
import dev.jpki.card.KeyType;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.Status;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.VerificationResult;
import java.util.HexFormat;
import java.security.cert.CertificateEncodingException;
import java.security.NoSuchAlgorithmException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link VerificationResult} into the JSON and text of {@code verify} and {@code verify-cert}
 * (docs/cli.md: {@code {"status": ..., "reasons": [{"code", "message"}]}} plus more fields) and into
 * the exit code.
 *
 * <p>Personal data: the signer's basic 4 info (docs/card-protocol.md §9.3) appears only when asked for with {@code
 * --show-personal-data}, and only for a VALID signature certificate; the certificate's subject and validity
 * dates (the expiry is the holder's birthday, docs/card-protocol.md §9.1) never appear. Library messages carry none either.
 */
final class Verdicts {
  private Verdicts() {}

  /**
   * The exit code of a verdict (docs/cli.md "Exit codes").
   *
   * @param status the verdict
   * @return 0 VALID, 1 INVALID, 3 INDETERMINATE
   */
  static int exitCode(Status status) {
    switch (status) {
      case VALID:
        return ExitCode.OK;
      case INVALID:
        return ExitCode.NEGATIVE;
      default:
        return ExitCode.INDETERMINATE;
    }
  }

  /**
   * Builds the JSON document and text of a verdict and prints one of them.
   *
   * @param output where to print
   * @param result the verdict
   * @param format {@code cms} or {@code raw} for a signature, or null for a certificate
   * @param anchors the anchors used (to name the one a path ended at)
   * @param options the verification options
   * @return the exit code
   */
  static int print(Output output, VerificationResult result, @Nullable String format, TrustAnchors anchors,
      CheckOptions options) {
    Built b = build(result, format, anchors, options, List.of(), result.status());
    output.print(b.doc(), b.text().toString());
    return exitCode(result.status());
  }

  /**
   * A reason found outside the library's verdict (e.g. where a PDF places its signature), in the same
   * {@code {"code", "message"}} shape as the library's failures.
   *
   * @param code a stable upper-case code
   * @param message what is wrong, without personal data
   */
  record Reason(String code, String message) {}

  /**
   * The JSON document and text of a verdict, before printing (callers may add fields).
   *
   * @param doc the JSON document
   * @param text the human text
   */
  record Built(ObjectNode doc, StringBuilder text) {}

  /**
   * Builds the JSON document and text of a verdict without printing it.
   *
   * @param result the verdict
   * @param format {@code cms}, {@code raw} or {@code pdf} for a signature, or null for a certificate
   * @param anchors the anchors used (to name the one a path ended at)
   * @param options the verification options
   * @param extra reasons found outside {@code result}, listed before its failures
   * @param status the overall status (the caller's combination of {@code result} and {@code extra})
   * @return the document and text
   */
  static Built build(VerificationResult result, @Nullable String format, TrustAnchors anchors,
      CheckOptions options, List<Reason> extra, Status status) {
    ObjectNode doc = Output.object();
    StringBuilder text = new StringBuilder();
    doc.put("status", status.name());
    text.append(line("Status", status.name()));
    ArrayNode reasons = doc.putArray("reasons");
    for (Reason x : extra) {
      reasons.addObject().put("code", x.code()).put("message", x.message());
    }
    for (Failure f : result.failures()) {
      ObjectNode r = reasons.addObject().put("code", f.code().name()).put("message", f.message());
      if (f.certificateIndex() >= 0) {
        r.put("certificateIndex", f.certificateIndex());
      }
      f.revocationReason().ifPresent(rr -> r.put("revocationReason", rr.name()));
    }
    if (format != null) {
      doc.put("format", format);
      String signing = result.signingTime().map(t -> ", signing time " + t + " (the signer's claim)").orElse("");
      text.append(line("Signature", format.toUpperCase(Locale.ROOT) + signing));
    }
    result.signingTime().ifPresent(t -> doc.put("signingTime", t.toString()));
    Optional<KeyType> type = result.certificateType();
    type.ifPresent(t -> doc.put("certificateType", typeName(t)));
    X509Certificate anchor = anchorOf(result, anchors);
    String anchorSubject = anchor == null ? "" : anchor.getSubjectX500Principal().getName();
    String anchorSha256 = anchor == null ? "" : sha256Hex(anchor);
    if (anchor != null) {
      doc.putObject("trustAnchor").put("subject", anchorSubject).put("sha256", anchorSha256);
    }
    text.append(line("Certificate", type.map(t -> typeName(t) + " certificate").orElse("(none read)")
        + (anchor != null ? ", chains to " + anchorSubject + " (sha256 " + anchorSha256 + ")" : "")));
    CheckOptions.RevocationMode mode = options.revocationMode();
    doc.put("revocation", mode.json);
    text.append(line("Revocation", revocationText(mode)));
    doc.put("verificationTime", result.verificationTime().toString());
    text.append(line("Checked at", result.verificationTime().toString()));
    if (!result.failures().isEmpty() || !extra.isEmpty()) {
      text.append("Reasons:\n");
      for (Reason x : extra) {
        text.append("  ").append(x.code()).append(": ").append(x.message()).append('\n');
      }
      for (Failure f : result.failures()) {
        text.append("  ").append(f.code().name())
            .append(f.certificateIndex() >= 0 ? " (certificate " + f.certificateIndex() + ")" : "")
            .append(": ").append(f.message()).append('\n');
      }
    }
    if (options.showPersonalData) {
      personalData(result, status, doc, text);
    }
    String next = status == Status.INDETERMINATE ? nextStep(result, options) : null;
    if (next != null) {
      doc.put("nextStep", next);
      text.append(line("Next step", next));
    }
    return new Built(doc, text);
  }

  /**
   * What to do about an INDETERMINATE verdict, or null for VALID and INVALID: every INDETERMINATE ends with
   * the option that resolves it.
   *
   * @param result the verdict
   * @param options the verification options
   * @return one sentence, or null
   */
  static @Nullable String nextStep(VerificationResult result, CheckOptions options) {
    if (result.status() != Status.INDETERMINATE) {
      return null;
    }
    boolean revocation = false;
    boolean issuerKey = false;
    for (Failure f : result.failures()) {
      revocation |= f.code() == FailureCode.REVOCATION_UNAVAILABLE || f.code() == FailureCode.REVOCATION_UNKNOWN;
      issuerKey |= f.code() == FailureCode.UNKNOWN_ISSUER_KEY;
    }
    if (revocation) {
      return (options.revocationMode() == CheckOptions.RevocationMode.CERTIFICATE
              ? "the certificate's own CRL/OCSP addresses did not answer; "
              : "the revocation status could not be established; ")
          + "give a current CRL with --crl FILE|URL or a responder with --ocsp URL (for the virtual card:"
          + " 'jpki testkit pki --out DIR' writes the CRLs, 'jpki testkit ocsp --port N' answers OCSP), or"
          + " skip the check with --no-revocation";
    }
    if (issuerKey) {
      return "the issuer's key is not known: give the issuing CA certificate with --chain FILE or --trust FILE";
    }
    return "the reasons above say what was missing: supply it (--chain, --trust, --crl, --ocsp) or skip the"
        + " revocation check with --no-revocation";
  }

  /** Adds {@code signer} (the basic 4 info) to the JSON and text, only from a VALID signature certificate. */
  private static void personalData(VerificationResult result, Status status, ObjectNode doc, StringBuilder text) {
    Optional<X509Certificate> leaf = result.certificate();
    if (status != Status.VALID || result.status() != Status.VALID || !leaf.isPresent()) {
      // an unverified certificate's claims about a person are not shown: they may be forged
      text.append(line("Signer", "not shown: the verdict is not VALID"));
      return;
    }
    if (result.certificateType().orElse(null) != KeyType.SIGNATURE) {
      text.append(line("Signer", "none: an authentication certificate carries no personal data"));
      return;
    }
    BasicFourInfo info;
    try {
      info = BasicFourInfo.fromCertificate(leaf.get());
    } catch (BadInputException e) {
      // the validator requires the 4 info in a VALID signature certificate; this is a safety net
      text.append(line("Signer", "unreadable: " + e.getMessage()));
      return;
    }
    String birth = birthDate(info.dateOfBirth());
    String sex = CardSupport.sexName(info.sex());
    doc.putObject("signer").put("name", info.name()).put("address", info.address()).put("birthDate", birth)
        .put("sex", sex).put("substitutedCharacters", info.hasSubstitutedCharacters());
    text.append("Signer:\n")
        .append("  Name:       ").append(info.name()).append('\n')
        .append("  Address:    ").append(info.address()).append('\n')
        .append("  Birth date: ").append(birth).append('\n')
        .append("  Sex:        ").append(sex).append('\n');
    if (info.hasSubstitutedCharacters()) {
      text.append("  (name or address contains substitute characters; it may differ from the printed card)\n");
    }
  }

  /** YYYY-MM-DD; parts the resident record does not know stay 00 (docs/card-protocol.md §9.3). */
  static String birthDate(BirthDate d) {
    return String.format(Locale.ROOT, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  }

  static String typeName(KeyType t) {
    return t == KeyType.SIGNATURE ? "signature" : "authentication";
  }

  /** The anchor the path ended at, if it reached one. */
  private static @Nullable X509Certificate anchorOf(VerificationResult result, TrustAnchors anchors) {
    List<X509Certificate> path = result.path();
    if (path.size() < 2) {
      return null;
    }
    X509Certificate last = path.get(path.size() - 1);
    return anchors.anchors().contains(last) ? last : null;
  }

  /** The SHA-256 fingerprint of a certificate's DER encoding, lower-case hex (as docs/trust-anchors.md pins it). */
  static String sha256Hex(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint a parsed certificate", e);
    }
  }

  private static String revocationText(CheckOptions.RevocationMode mode) {
    switch (mode) {
      case DISABLED:
        return "not checked (--no-revocation)";
      case CERTIFICATE:
        return "required, from the certificate's own OCSP/CRL addresses";
      default:
        return "required, from --crl/--ocsp";
    }
  }

  static String line(String label, String value) {
    StringBuilder b = new StringBuilder(label).append(':');
    for (int i = label.length(); i < 12; i++) {
      b.append(' ');
    }
    return b.append(' ').append(value).append('\n').toString();
  }
}
