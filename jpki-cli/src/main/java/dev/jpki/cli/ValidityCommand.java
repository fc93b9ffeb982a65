// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.card.CardDate;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.KeyType;
import dev.jpki.verify.Failure;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.flow.Validity;
import dev.jpki.verify.internal.RevocationAdvice;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki validity [--at DATE]}: the card's and each certificate's expiry with the rule that gives it
 * (card: FAQ Q2-5, certificates: Q3-3), days left and "renew soon", and a revoked certificate's reason
 * with what the holder must do (Q3-4). The rules need the birth date: give {@code --pin-b-env} (card face)
 * and, for the card rule, {@code --card-issued} (the chip does not store the issue date). Exit 0 when
 * nothing is expired, revoked or off the rule, else 1.
 */
@Command(name = "validity", sortOptions = false,
    description = "Card and certificate expiry with the rule that gives it; renew-soon; revocation advice.")
final class ValidityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--at", paramLabel = "DATE", description = "Judge at this day (YYYY-MM-DD) or instant.")
  @Nullable String at;

  @Option(names = "--renew-days", paramLabel = "N", description = "Days before expiry that count as 'renew soon' (default 90).")
  int renewDays = Validity.DEFAULT_RENEW_SOON_DAYS;

  @Option(names = "--card-issued", paramLabel = "YYYY-MM-DD", description = "The card's issue date (printed on its back), to check the card rule.")
  @Nullable String cardIssued;

  @Option(names = "--sign", description = "Also read the signature certificate (needs --password-env).")
  boolean sign;

  /** What was read from the card. */
  private static final class Read {
    @Nullable CardDate cardExpiry;
    @Nullable LocalDate birthDate;
    @Nullable X509Certificate auth;
    @Nullable X509Certificate signature;
    final List<String> notes = new ArrayList<>();
  }

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    if (renewDays < 0) {
      throw new CliException(ExitCode.USAGE, "--renew-days must not be negative");
    }
    LocalDate issued = null;
    if (cardIssued != null) {
      try {
        issued = LocalDate.parse(cardIssued);
      } catch (java.time.format.DateTimeParseException e) {
        throw new CliException(ExitCode.USAGE, "--card-issued must be YYYY-MM-DD", e);
      }
    }
    FlowSetup setup = new FlowSetup(main, at, List.of());
    LocalDate today = setup.today();
    Pin b = main.pinBEnv != null ? pinB(main) : null;
    Pin pw = sign ? password(main) : null;
    Read read;
    try {
      read = CardSupport.withCard(main, card -> read(card, b, pw));
    } finally {
      if (b != null) {
        b.close();
      }
      if (pw != null) {
        pw.close();
      }
    }
    boolean bad = false;
    ObjectNode doc = Output.object();
    doc.put("on", today.toString());
    StringBuilder text = new StringBuilder("On " + today + ":\n");
    ObjectNode card = doc.putObject("card");
    CardDate ce = read.cardExpiry;
    if (ce != null) {
      LocalDate expiry = LocalDate.of(ce.year(), ce.month(), ce.day());
      List<String> findings;
      if (read.birthDate != null && issued != null) {
        Validity v = Validity.card(read.birthDate, issued);
        boolean follows = expiry.equals(v.expiry());
        card.put("rule", v.rule().name()).put("followsRule", follows);
        findings = v.findings(expiry, today, renewDays);
        bad |= !follows;
      } else {
        findings = new ArrayList<>();
        findings.add("rule not checked: give --pin-b-env (birth date) and --card-issued");
        findings.add(daysText(today, expiry, renewDays));
      }
      long days = ChronoUnit.DAYS.between(today, expiry);
      card.put("expiry", expiry.toString()).put("daysLeft", days).put("expired", days < 0)
          .put("renewSoon", days >= 0 && days <= renewDays);
      bad |= days < 0;
      findings.forEach(card.putArray("findings")::add);
      text.append("Card: expires ").append(expiry).append('\n');
      findings.forEach(f -> text.append("  ").append(f).append('\n'));
    }
    ArrayNode certs = doc.putArray("certificates");
    for (KeyType type : new KeyType[] {KeyType.AUTHENTICATION, KeyType.SIGNATURE}) {
      X509Certificate cert = type == KeyType.AUTHENTICATION ? read.auth : read.signature;
      if (cert == null) {
        continue;
      }
      ObjectNode o = certs.addObject();
      String name = type == KeyType.AUTHENTICATION ? "auth" : "sign";
      LocalDate from = cert.getNotBefore().toInstant().atZone(FlowSetup.JST).toLocalDate();
      LocalDate to = cert.getNotAfter().toInstant().atZone(FlowSetup.JST).toLocalDate();
      long days = ChronoUnit.DAYS.between(today, to);
      o.put("type", name).put("notBefore", from.toString()).put("expiry", to.toString()).put("daysLeft", days)
          .put("expired", days < 0).put("renewSoon", days >= 0 && days <= renewDays);
      List<String> findings = new ArrayList<>();
      if (read.birthDate != null) {
        Validity v = Validity.certificate(read.birthDate, from);
        boolean follows = to.equals(v.expiry());
        o.put("rule", v.rule().name()).put("followsRule", follows);
        findings.addAll(v.findings(to, today, renewDays));
        bad |= !follows;
      } else {
        findings.add("rule not checked: give --pin-b-env for the birth date");
        findings.add(daysText(today, to, renewDays));
      }
      bad |= days < 0;
      VerificationResult vr = setup.certificates().validate(cert, type);
      o.put("status", vr.status().name());
      for (Failure f : vr.failures()) {
        if (f.code() == FailureCode.REVOKED) {
          bad = true;
          findings.add(f.revocationReason().map(r -> RevocationAdvice.explain(type, r)).orElse("revoked"));
        }
      }
      findings.forEach(o.putArray("findings")::add);
      text.append(type == KeyType.AUTHENTICATION ? "Authentication" : "Signature").append(" certificate: ")
          .append(from).append(" to ").append(to).append(" (").append(vr.status()).append(")\n");
      findings.forEach(f -> text.append("  ").append(f).append('\n'));
    }
    read.notes.forEach(doc.putArray("notes")::add);
    read.notes.forEach(n -> text.append("Note: ").append(n).append('\n'));
    main.output().print(doc, text.toString());
    return bad ? ExitCode.NEGATIVE : ExitCode.OK;
  }

  private static String daysText(LocalDate today, LocalDate expiry, int renewDays) {
    long days = ChronoUnit.DAYS.between(today, expiry);
    if (days < 0) {
      return "expired on " + expiry;
    }
    return (days <= renewDays ? "renew soon: " : "") + days + " days left until " + expiry;
  }

  private static Read read(MyNumberCard card, @Nullable Pin b, @Nullable Pin pw) throws dev.jpki.JpkiException {
    Read r = new Read();
    try {
      r.cardExpiry = card.common().record().expiryDate();
    } catch (dev.jpki.apdu.ApplicationNotFoundException e) {
      r.notes.add("no common AP (a smartphone token has no card expiry)");
    }
    try {
      r.auth = card.jpki().authCertificate();
    } catch (SecurityStatusException e) {
      r.notes.add("the authentication certificate needs the PIN on this token");
    }
    if (b != null) {
      CardDate d = card.visual().cardFace(b).birthDate();
      r.birthDate = LocalDate.of(d.year(), d.month(), d.day());
    }
    if (pw != null) {
      r.signature = card.jpki().signatureCertificate(pw);
    }
    return r;
  }

  private static Pin pinB(Main main) {
    char[] s = Secrets.read(main, main.pinBEnv, "--pin-b-env", "verification code B (14 digits)");
    try {
      return Pin.verificationCodeB(s);
    } finally {
      Secrets.wipe(s);
    }
  }

  private static Pin password(Main main) {
    char[] s = Secrets.read(main, main.passwordEnv, "--password-env", "signature password");
    try {
      return Pin.signaturePassword(s);
    } finally {
      Secrets.wipe(s);
    }
  }
}
