// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import dev.jpki.benchmarks.Report.Better;
import dev.jpki.benchmarks.Report.Line;
import dev.jpki.benchmarks.Report.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;

/**
 * Which benchmarks {@link Report} runs and which pairs of them it compares: every line of the report is
 * declared here, ours next to its baseline from the same run.
 */
final class Comparisons {
  private Comparisons() {}

  /**
   * One JMH invocation.
   *
   * @param name short name (also the raw JSON file's suffix)
   * @param regex benchmarks to include
   * @param params parameter values to run (empty: the annotations' values)
   */
  record Run(String name, String regex, Map<String, String[]> params) {}

  static final String[] CRL_SIZES_FULL = {"10000", "100000", "1000000"};
  static final String[] CRL_SIZES_QUICK = {"100000"};
  static final String[] OCSP_SIGNERS_FULL = {"AUTHORIZED_RESPONDER", "CA"};
  static final String[] OCSP_SIGNERS_QUICK = {"AUTHORIZED_RESPONDER"};

  static List<Run> runs(boolean full) {
    List<Run> runs = new ArrayList<>();
    // only the methods a comparison uses (each one costs a JVM fork)
    runs.add(new Run("crl", "CrlBenchmark\\.(load(Ours|Jdk|Bc)|lookup(Revoked|Absent)(OursBytes|Jdk)|lookupRevokedOurs)$",
        Map.of("entries", full ? CRL_SIZES_FULL : CRL_SIZES_QUICK)));
    runs.add(new Run("validation", "CertificateValidationBenchmark\\.", Map.of()));
    runs.add(new Run("signature", "SignatureVerificationBenchmark\\.(oursRaw|jdkRaw|jdkRawPlusPkix|oursCms|bcCms|bcCmsPlusPkix)$",
        Map.of()));
    runs.add(new Run("cardflow", "CardFlowBenchmark\\.", Map.of()));
    runs.add(new Run("login", "LoginBenchmark\\.", Map.of()));
    runs.add(new Run("ocsp", "OcspBenchmark\\.", Map.of("signer", full ? OCSP_SIGNERS_FULL : OCSP_SIGNERS_QUICK)));
    return runs;
  }

  /** Builds the lines from the JMH results (those whose benchmarks ran). */
  static List<Line> fromJmh(Map<String, RunResult> r, boolean full) {
    List<Line> out = new ArrayList<>();
    Lines l = new Lines(r, out);
    String crl = "CRL: load (parse + signature + one lookup) and lookup";
    for (String n : full ? CRL_SIZES_FULL : CRL_SIZES_QUICK) {
      String p = "[entries=" + n + "]";
      String k = String.format(java.util.Locale.ROOT, "%dk", Integer.parseInt(n) / 1000);
      l.time(crl, "crl-load-" + k + "-vs-jdk", "load, " + n + " entries, vs JDK X509CRL",
          "CrlBenchmark.loadOurs" + p, "CrlBenchmark.loadJdk" + p, null, "");
      l.time(crl, "crl-load-" + k + "-vs-bc", "load, " + n + " entries, vs BouncyCastle X509CRLHolder",
          "CrlBenchmark.loadOurs" + p, "CrlBenchmark.loadBc" + p, null, "");
      l.rate(crl, "crl-lookup-revoked-" + k + "-vs-jdk", "lookup of a revoked serial from its bytes (`lookup(byte[])`), "
          + n + " entries, vs JDK `getRevokedCertificate`", "M lookups/s",
          "CrlBenchmark.lookupRevokedOursBytes" + p, "CrlBenchmark.lookupRevokedJdk" + p, Target.oursAtLeast(10), "");
      l.rate(crl, "crl-lookup-absent-" + k + "-vs-jdk", "lookup of an absent serial from its bytes, " + n
          + " entries, vs JDK", "M lookups/s",
          "CrlBenchmark.lookupAbsentOursBytes" + p, "CrlBenchmark.lookupAbsentJdk" + p, Target.oursAtLeast(10), "");
      l.rate(crl, "crl-lookup-biginteger-" + k + "-vs-jdk", "lookup of a revoked serial by `BigInteger` "
          + "(`revocationReason`), " + n + " entries, vs JDK", "M lookups/s",
          "CrlBenchmark.lookupRevokedOurs" + p, "CrlBenchmark.lookupRevokedJdk" + p, null, "");
    }
    String val = "Certificate validation (default persona's signature certificate)";
    l.time(val, "validate-seen-vs-jdk-pkix", "same certificate object again, no revocation, vs JDK PKIX",
        "CertificateValidationBenchmark.ours[fresh=false]", "CertificateValidationBenchmark.jdkPkix[fresh=false]",
        Target.ratioAtMost(1.0), "");
    l.time(val, "validate-seen-crl-vs-jdk-pkix", "same object, 7-entry CRL, vs JDK PKIX with the CRL",
        "CertificateValidationBenchmark.oursWithCrl[fresh=false]",
        "CertificateValidationBenchmark.jdkPkixWithCrl[fresh=false]", null, "");
    l.time(val, "validate-seen-vs-bc-pkix", "same object, no revocation, vs BouncyCastle PKIX",
        "CertificateValidationBenchmark.ours[fresh=false]", "CertificateValidationBenchmark.bcPkix[fresh=false]",
        null, "");
    l.time(val, "validate-new-vs-jdk-pkix", "new certificate object per call, no revocation, vs JDK PKIX",
        "CertificateValidationBenchmark.ours[fresh=true]", "CertificateValidationBenchmark.jdkPkix[fresh=true]",
        null, "");
    l.time(val, "validate-new-crl-vs-jdk-pkix", "new object per call, 7-entry CRL, vs JDK PKIX with the CRL",
        "CertificateValidationBenchmark.oursWithCrl[fresh=true]",
        "CertificateValidationBenchmark.jdkPkixWithCrl[fresh=true]", null, "");
    l.time(val, "validate-new-vs-bc-pkix", "new object per call, vs BouncyCastle PKIX",
        "CertificateValidationBenchmark.ours[fresh=true]", "CertificateValidationBenchmark.bcPkix[fresh=true]",
        null, "");
    String sig = "Signature verification (1 KiB document, signature key)";
    l.time(sig, "raw-verify-vs-jdk-rsa", "`verifyRaw` (signature + signer validation) vs one raw JDK SHA256withRSA "
        + "verify", "SignatureVerificationBenchmark.oursRaw", "SignatureVerificationBenchmark.jdkRaw", null, "");
    l.time(sig, "raw-verify-vs-jdk-rsa-pkix", "`verifyRaw` vs raw JDK verify + JDK PKIX of the signer",
        "SignatureVerificationBenchmark.oursRaw", "SignatureVerificationBenchmark.jdkRawPlusPkix", null, "");
    l.rate(sig, "cms-verify-vs-raw-rsa", "`verifyCms` (attached, signed attributes, signer validated) vs one raw "
        + "JDK RSA verify", "verifications/s",
        "SignatureVerificationBenchmark.oursCms", "SignatureVerificationBenchmark.jdkRaw", Target.ratioAtLeast(0.6), "");
    l.time(sig, "cms-verify-vs-bc", "`verifyCms` vs raw BouncyCastle parse + `SignerInformation.verify`",
        "SignatureVerificationBenchmark.oursCms", "SignatureVerificationBenchmark.bcCms", null, "");
    l.time(sig, "cms-verify-vs-bc-pkix", "`verifyCms` vs raw BouncyCastle + JDK PKIX of the signer",
        "SignatureVerificationBenchmark.oursCms", "SignatureVerificationBenchmark.bcCmsPlusPkix", null, "");
    String card = "Card flows (virtual card in process, latency model off)";
    l.time(card, "card-read-cert-vs-card-alone", "SDK reads the auth certificate vs the card alone processing the "
        + "same APDUs", "CardFlowBenchmark.readAuthCertificateSdk", "CardFlowBenchmark.readAuthCertificateReplay",
        null, "");
    l.time(card, "card-read-cert-vs-card-and-parse", "same vs the card alone + JDK certificate parse",
        "CardFlowBenchmark.readAuthCertificateSdk", "CardFlowBenchmark.readAuthCertificateReplayAndParse", null, "");
    l.time(card, "card-sign-vs-card-alone", "SDK verify PIN + sign vs the card alone, same APDUs",
        "CardFlowBenchmark.verifyPinAndSignSdk", "CardFlowBenchmark.verifyPinAndSignReplay", null, "");
    l.rate(card, "card-apdus-per-second", "APDUs per second in process, read auth certificate (3 APDUs): SDK + "
        + "virtual card vs the virtual card alone", "APDUs/s", 3,
        "CardFlowBenchmark.readAuthCertificateSdk", "CardFlowBenchmark.readAuthCertificateReplay", null, "");
    String login = "Login, server side (`LoginVerifier.verify`, authentication certificate)";
    l.time(login, "login-seen-vs-raw-rsa", "certificate seen before (returning user) vs one raw JDK RSA verify",
        "LoginBenchmark.oursSeen", "LoginBenchmark.rawVerify", null, "includes issuing the challenge");
    l.time(login, "login-new-vs-raw-rsa", "new certificate vs one raw JDK RSA verify",
        "LoginBenchmark.oursNew", "LoginBenchmark.rawVerify", null, "");
    l.time(login, "login-new-vs-parse-two-verifies", "new certificate vs JDK parse + two raw RSA verifies "
        + "(certificate, login signature)", "LoginBenchmark.oursNew", "LoginBenchmark.parseAndTwoRawVerifies",
        null, "");
    String parse = "Certificate parsing";
    l.time(parse, "cert-parse-new-vs-jdk", "`Certificates.parse`, bytes not seen recently, vs JDK `X509CertImpl`",
        "LoginBenchmark.parseOursNew", "LoginBenchmark.parseJdk", null, "ours = bounds check + the JDK's parser");
    l.time(parse, "cert-parse-new-vs-bc", "same vs BouncyCastle `X509CertificateHolder`",
        "LoginBenchmark.parseOursNew", "LoginBenchmark.parseBc", null, "");
    l.time(parse, "cert-parse-repeat-vs-jdk", "`Certificates.parse`, the same bytes again, vs JDK `X509CertImpl`",
        "LoginBenchmark.parseOurs", "LoginBenchmark.parseJdk", null, "the JDK factory's cache answers repeats");
    String ocsp = "OCSP response check (authentication certificate, response in hand)";
    String oursNote = "ours = `OcspRevocationSource.check` (request built, nonce, cache off) over an in-memory "
        + "HttpClient returning the prepared response";
    for (String signer : full ? OCSP_SIGNERS_FULL : OCSP_SIGNERS_QUICK) {
      String p = "[signer=" + signer + "]";
      boolean ca = signer.equals("CA");
      String k = ca ? "ca" : "responder";
      String by = ca ? "signed by the CA" : "signed by a delegated responder";
      l.time(ocsp, "ocsp-" + k + "-vs-bc", by + ": ours vs BouncyCastle `BasicOCSPResp` + the same checks",
          "OcspBenchmark.ours" + p, "OcspBenchmark.bc" + p, null, oursNote);
      l.time(ocsp, "ocsp-" + k + "-vs-raw-rsa", by + ": ours vs " + (ca ? "one raw JDK RSA verification (response)"
          : "two raw JDK RSA verifications (responder certificate, response)"),
          "OcspBenchmark.ours" + p, "OcspBenchmark.raw" + p, null, ca ? "" : "ours also tries the issuer key first "
          + "(one more RSA operation) before the responder certificate");
    }
    return out;
  }

  /**
   * The comparisons measured without JMH: counts and models (deterministic, no timing noise), and, if
   * asked, the PC/SC round trip through the machine's pcscd ({@link PcscRoundTrip}, skipped with a reason
   * in {@link PcscRoundTrip#skipped} when pcscd or its lock is not available).
   *
   * @param full full mode
   * @param pcsc whether to measure the PC/SC round trip
   * @return the lines
   */
  static List<Line> nonJmh(boolean full, boolean pcsc) {
    try {
      List<Line> out = new ArrayList<>(FaqFlowCounts.lines());
      out.addAll(FaqFlowCounts.sizingLines());
      if (pcsc) {
        out.addAll(PcscRoundTrip.lines(full));
      }
      out.addAll(FaqFlowCounts.readStrategyLines());
      return out;
    } catch (dev.jpki.JpkiException e) {
      throw new IllegalStateException("FAQ flow failed on the virtual card", e);
    }
  }

  /** Builds lines from results, skipping pairs whose benchmarks did not run. */
  private record Lines(Map<String, RunResult> r, List<Line> out) {
    void time(String section, String name, String what, String ours, String baseline, @Nullable Target t,
        String note) {
      RunResult o = r.get(ours);
      RunResult b = r.get(baseline);
      if (o == null || b == null) {
        return;
      }
      out.add(new Line(section, name, what, Report.micros(o), Report.micros(b), "µs/op", Better.LOWER, t, note,
          Report.alloc(o), Report.alloc(b)));
    }

    void rate(String section, String name, String what, String unit, String ours, String baseline,
        @Nullable Target t, String note) {
      rate(section, name, what, unit, 1, ours, baseline, t, note);
    }

    void rate(String section, String name, String what, String unit, double perOp, String ours, String baseline,
        @Nullable Target t, String note) {
      RunResult o = r.get(ours);
      RunResult b = r.get(baseline);
      if (o == null || b == null) {
        return;
      }
      // µs per operation → operations per second (M/s for "M ..." units)
      double scale = (unit.startsWith("M ") ? 1 : 1e6) * perOp;
      out.add(new Line(section, name, what, scale / Report.micros(o), scale / Report.micros(b), unit, Better.HIGHER,
          t, note, Report.alloc(o), Report.alloc(b)));
    }
  }
}
