// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.Pin;
import dev.jpki.card.VerifyOption;
import dev.jpki.card.flow.AgeCheck;
import dev.jpki.card.flow.EvidenceKind;
import dev.jpki.card.flow.OcrFieldException;
import dev.jpki.card.flow.OcrFields;
import dev.jpki.card.KeyType;
import dev.jpki.verify.Status;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.flow.AgeResult;
import dev.jpki.verify.flow.AgeVerifier;
import dev.jpki.verify.flow.FlowChallenges;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki age --pattern sign|face|ocr|dob-key [--min-age N] [--at DATE]}: the FAQ's age check. The
 * card side collects evidence over a fresh challenge; the verifier side decides (docs/faq-flows.md).
 * Exit 0 when VALID and the minimum (if any) is met, 1 when not met or INVALID, 3 when INDETERMINATE.
 */
@Command(name = "age", sortOptions = false,
    description = "Prove an age with the card: signature certificate, card face (照合番号B), OCR fields or DOB key.")
final class AgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--pattern", required = true, paramLabel = "sign|face|ocr|dob-key",
      description = "sign: signature certificate (--password-env); face: card face (--pin-b-env); "
          + "ocr: OCR fields; dob-key: the date-of-birth key (--pin-env, 6 digits era YYMMDD).")
  String pattern = "";

  @Option(names = "--min-age", paramLabel = "N", description = "Answer whether the age is at least N (exit 1 if not).")
  @Nullable Integer minAge;

  @Option(names = "--at", paramLabel = "DATE", description = "Compute the age on this day (YYYY-MM-DD) or instant.")
  @Nullable String at;

  @Option(names = "--ocr-dob", paramLabel = "DATE", description = "OCR: birth date as printed (平成2年5月15日) or YYYY-MM-DD.")
  @Nullable String ocrDob;

  @Option(names = "--ocr-expiry-year", paramLabel = "YYYY", description = "OCR: the card's expiry year.")
  @Nullable String ocrExpiryYear;

  @Option(names = "--ocr-security-code", paramLabel = "NNNN", description = "OCR: the 4-digit security code.")
  @Nullable String ocrSecurityCode;

  @Option(names = "--issuer-key", paramLabel = "ID=FILE",
      description = "A CVC issuer public key (PEM/DER), e.g. 5000023/001=visual-ca.pem; real cards need J-LIS's.")
  List<String> issuerKeys = new ArrayList<>();

  static EvidenceKind parsePattern(String p) {
    switch (p) {
      case "sign":
        return EvidenceKind.AGE_SIGNATURE_CERTIFICATE;
      case "face":
        return EvidenceKind.AGE_CARD_FACE;
      case "ocr":
        return EvidenceKind.AGE_OCR;
      case "dob-key":
        return EvidenceKind.AGE_DATE_OF_BIRTH_KEY;
      default:
        throw new CliException(ExitCode.USAGE, "--pattern must be sign, face, ocr or dob-key, was '" + p + "'");
    }
  }

  static String patternName(EvidenceKind p) {
    switch (p) {
      case AGE_SIGNATURE_CERTIFICATE:
        return "sign";
      case AGE_CARD_FACE:
        return "face";
      case AGE_OCR:
        return "ocr";
      default:
        return "dob-key";
    }
  }

  static OcrFields ocr(@Nullable String dob, @Nullable String year, @Nullable String code) {
    if (dob == null || year == null || code == null) {
      throw new CliException(ExitCode.USAGE, "the OCR pattern needs --ocr-dob, --ocr-expiry-year and --ocr-security-code");
    }
    try {
      return OcrFields.of(dob, year, code.toCharArray());
    } catch (OcrFieldException e) {
      throw new CliException(ExitCode.USAGE, "OCR field " + e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    EvidenceKind p = parsePattern(pattern);
    if (minAge != null && (minAge < 0 || minAge > 150)) {
      throw new CliException(ExitCode.USAGE, "--min-age must be 0..150");
    }
    FlowSetup setup = new FlowSetup(main, at, issuerKeys);
    AgeVerifier.Builder vb = AgeVerifier.builder().challenges(FlowChallenges.inMemory(setup.clock))
        .signatures(setup.signatures(KeyType.SIGNATURE));
    CardDataVerifier cardData = setup.cardData();
    if (cardData != null) {
      vb.cardData(cardData);
    }
    AgeVerifier verifier = vb.build();
    byte[] challenge = verifier.newChallenge();
    VerifyOption[] options = CardSupport.verifyOptions(main);
    byte[] evidence;
    if (p == EvidenceKind.AGE_OCR) {
      OcrFields fields = ocr(ocrDob, ocrExpiryYear, ocrSecurityCode);
      try {
        evidence = CardSupport.withCard(main, card -> AgeCheck.collectOcr(card, fields, challenge, options).toBytes());
      } finally {
        fields.clear();
      }
    } else {
      Pin credential = credential(main, p);
      try (Pin c = credential) {
        evidence = CardSupport.withCard(main, card -> AgeCheck.collect(card, c, challenge, options).toBytes());
      }
    }
    AgeResult r = verifier.verify(evidence, challenge, p, minAge);
    ObjectNode doc = Output.object();
    if (r.age().isPresent()) {
      doc.put("age", r.age().getAsInt());
    } else {
      doc.putNull("age");
    }
    doc.put("pattern", patternName(p)).put("assurance", assurance(p, r));
    r.meetsMinimum().ifPresent(m -> doc.put("meetsMinimum", m));
    doc.put("status", r.status().name()).put("on", r.on().toString()).put("birthDateExact", r.birthDateExact());
    r.proven().forEach(doc.putArray("proven")::add);
    r.notProven().forEach(doc.putArray("notProven")::add);
    doc.set("reasons", FlowSetup.reasons(r.failures()));
    StringBuilder text = new StringBuilder();
    text.append("Status:    ").append(r.status()).append('\n');
    text.append("Pattern:   ").append(patternName(p)).append('\n');
    text.append("Age:       ").append(r.age().isPresent() ? Integer.toString(r.age().getAsInt()) : "-")
        .append(" (on ").append(r.on()).append(r.birthDateExact() ? "" : ", from the latest possible birth date").append(")\n");
    r.meetsMinimum().ifPresent(m -> text.append("Minimum ").append(minAge).append(": ").append(m ? "met" : "NOT met").append('\n'));
    text.append("Assurance: ").append(assurance(p, r)).append('\n');
    for (String s : r.notProven()) {
      text.append("  not proven: ").append(s).append('\n');
    }
    text.append(FlowSetup.reasonsText(r.failures()));
    main.output().print(doc, text.toString());
    if (r.status() == Status.VALID) {
      return r.meetsMinimum().orElse(true) ? ExitCode.OK : ExitCode.NEGATIVE;
    }
    return Verdicts.exitCode(r.status());
  }

  /**
   * How strongly the answer is proven (docs/cli.md): a PIN-protected key with its certificate chain for
   * the signature-certificate pattern, issuer-signed card data and a live chip for the others.
   */
  private static String assurance(EvidenceKind p, AgeResult r) {
    if (!r.isValid()) {
      return "NONE";
    }
    return p == EvidenceKind.AGE_SIGNATURE_CERTIFICATE ? "CERTIFICATE_AND_PIN" : "CARD_DATA_AND_LIVENESS";
  }

  private static Pin credential(Main main, EvidenceKind p) {
    char[] secret;
    switch (p) {
      case AGE_SIGNATURE_CERTIFICATE:
        secret = Secrets.read(main, main.passwordEnv, "--password-env", "signature password");
        try {
          return Pin.signaturePassword(secret);
        } finally {
          Secrets.wipe(secret);
        }
      case AGE_CARD_FACE:
        secret = Secrets.read(main, main.pinBEnv, "--pin-b-env", "verification code B (14 digits)");
        try {
          return Pin.verificationCodeB(secret);
        } finally {
          Secrets.wipe(secret);
        }
      default:
        secret = Secrets.read(main, main.pinEnv, "--pin-env", "date-of-birth key (6 digits, era YYMMDD)");
        try {
          return Pin.dateOfBirthKey(secret);
        } finally {
          Secrets.wipe(secret);
        }
    }
  }
}
