// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.Pin;
import dev.jpki.card.VerifyOption;
import dev.jpki.card.flow.FaceToFaceCheck;
import dev.jpki.card.flow.OcrFieldException;
import dev.jpki.card.flow.OcrFields;
import dev.jpki.card.KeyType;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.flow.FaceToFaceResult;
import dev.jpki.verify.flow.FaceToFaceVerifier;
import dev.jpki.verify.flow.FlowChallenges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki face-check [--register]}: PIN-less face-to-face confirmation (FAQ Q3-6). {@code --register}
 * is the first visit: the authentication PIN ({@code --pin-env}) and 照合番号B bind the card key to the
 * authentication certificate in the registration file. Later visits need only 照合番号B (typed, or built
 * from the OCR options): genuine and live card, valid authentication certificate, unexpired card, and
 * the registration. Only for face-to-face or managed environments, never online; lower assurance than a
 * PIN (docs/faq-flows.md).
 */
@Command(name = "face-check", sortOptions = false,
    description = "PIN-less face-to-face confirmation; --register for the first visit (with the auth PIN).")
final class FaceCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--register", description = "First visit: register the card with the auth PIN (--pin-env).")
  boolean register;

  @Option(names = "--account", paramLabel = "ID", description = "The account to register or to expect (default: 'holder').")
  @Nullable String account;

  @Option(names = "--registrations", paramLabel = "FILE",
      description = "Registration file (default: ~/.jpki/face-registrations.tsv).")
  @Nullable Path registrations;

  @Option(names = "--at", paramLabel = "DATE", description = "Check at this day (YYYY-MM-DD) or instant.")
  @Nullable String at;

  @Option(names = "--ocr-dob", paramLabel = "DATE", description = "OCR: birth date as printed, instead of --pin-b-env.")
  @Nullable String ocrDob;

  @Option(names = "--ocr-expiry-year", paramLabel = "YYYY", description = "OCR: the card's expiry year.")
  @Nullable String ocrExpiryYear;

  @Option(names = "--ocr-security-code", paramLabel = "NNNN", description = "OCR: the 4-digit security code.")
  @Nullable String ocrSecurityCode;

  @Option(names = "--issuer-key", paramLabel = "ID=FILE", description = "A CVC issuer public key, e.g. 5000023/001=visual-ca.pem.")
  List<String> issuerKeys = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    FlowSetup setup = new FlowSetup(main, at, issuerKeys);
    Path file = registrations != null ? registrations
        : Path.of(System.getProperty("user.home"), ".jpki", "face-registrations.tsv");
    FaceToFaceVerifier.Builder vb = FaceToFaceVerifier.builder()
        .signatures(setup.signatures(KeyType.AUTHENTICATION))
        .registrations(new FileRegistrationStore(file))
        .challenges(FlowChallenges.inMemory(setup.clock));
    CardDataVerifier cardData = setup.cardData();
    if (cardData != null) {
      vb.cardData(cardData);
    }
    FaceToFaceVerifier verifier = vb.build();
    byte[] challenge = verifier.newChallenge();
    VerifyOption[] options = CardSupport.verifyOptions(main);
    String accountId = account != null ? account : "holder";
    try (Pin visual = visualCredential(main)) {
      if (register) {
        char[] pin = Secrets.read(main, main.pinEnv, "--pin-env", "user-authentication PIN (4 digits)");
        Pin auth;
        try {
          auth = Pin.authentication(pin);
        } finally {
          Secrets.wipe(pin);
        }
        byte[] evidence;
        try (Pin a = auth) {
          evidence = CardSupport.withCard(main, card -> FaceToFaceCheck.register(card, a, visual, challenge, options).toBytes());
        }
        FaceToFaceResult r = verifier.register(evidence, challenge, accountId);
        ObjectNode doc = Output.object();
        doc.put("status", r.status().name()).put("registered", r.isValid());
        doc.set("reasons", FlowSetup.reasons(r.failures()));
        main.output().print(doc, "Status:     " + r.status() + "\nRegistered: " + (r.isValid() ? "yes (" + file + ")" : "no")
            + "\n" + FlowSetup.reasonsText(r.failures()));
        return Verdicts.exitCode(r.status());
      }
      byte[] evidence = CardSupport.withCard(main, card -> FaceToFaceCheck.collect(card, visual, challenge, options).toBytes());
      FaceToFaceResult r = verifier.verify(evidence, challenge, account);
      ObjectNode doc = Output.object();
      doc.put("status", r.status().name()).put("genuine", r.genuine()).put("live", r.live())
          .put("certificateValid", r.certificateValid()).put("matched", r.registration().isPresent());
      doc.set("reasons", FlowSetup.reasons(r.failures()));
      main.output().print(doc, "Status:      " + r.status() + "\nGenuine:     " + yes(r.genuine()) + "\nLive:        "
          + yes(r.live()) + "\nCertificate: " + (r.certificateValid() ? "valid" : "NOT valid") + "\nRegistered:  "
          + (r.registration().isPresent() ? "matched" : "NOT matched") + "\n" + FlowSetup.reasonsText(r.failures()));
      return Verdicts.exitCode(r.status());
    }
  }

  private static String yes(boolean b) {
    return b ? "yes" : "NO";
  }

  private Pin visualCredential(Main main) {
    if (ocrDob != null || ocrExpiryYear != null || ocrSecurityCode != null) {
      OcrFields f = AgeCommand.ocr(ocrDob, ocrExpiryYear, ocrSecurityCode);
      try {
        return f.verificationCodeB();
      } catch (OcrFieldException e) {
        throw new CliException(ExitCode.USAGE, "OCR field " + e.getMessage(), e);
      } finally {
        f.clear();
      }
    }
    char[] b = Secrets.read(main, main.pinBEnv, "--pin-b-env", "verification code B (14 digits)");
    try {
      return Pin.verificationCodeB(b);
    } finally {
      Secrets.wipe(b);
    }
  }
}
