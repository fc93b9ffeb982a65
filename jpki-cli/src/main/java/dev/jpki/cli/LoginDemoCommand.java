// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.Pin;
import dev.jpki.card.KeyType;
import dev.jpki.verify.Challenge;
import dev.jpki.verify.LoginResult;
import dev.jpki.verify.LoginVerifier;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki login-demo}: both sides of a JPKI login in one process: the server issues a challenge, the
 * card signs it with the authentication key after the PIN, the server verifies signature, chain and
 * revocation and derives a stable subject id (FAQ Q3-1: the authentication certificate is for login).
 */
@Command(name = "login-demo", sortOptions = false,
    description = "A JPKI login end to end: challenge, auth-key signature with the PIN, server verification.")
final class LoginDemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--at", paramLabel = "DATE", description = "Verify at this day (YYYY-MM-DD) or instant.")
  @Nullable String at;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    FlowSetup setup = new FlowSetup(main, at, java.util.List.of());
    // The relying party's origin: logins are bound to it, so a signature is useless to any other site.
    String origin = "https://login-demo.jpki.invalid";
    LoginVerifier server = LoginVerifier.builder(setup.certificates()).certificateType(KeyType.AUTHENTICATION)
        .origin(origin).build();
    Challenge challenge = server.newChallenge();
    char[] secret = Secrets.read(main, main.pinEnv, "--pin-env", "user-authentication PIN (4 digits)");
    Pin pin;
    try {
      pin = Pin.authentication(secret);
    } finally {
      Secrets.wipe(secret);
    }
    byte[] value = challenge.value();
    Object[] answer;
    try (Pin p = pin) {
      answer = CardSupport.withCard(main, card -> {
        X509Certificate cert = card.jpki().authCertificate(p, CardSupport.verifyOptions(main));
        return new Object[] {cert, card.jpki().signLogin(origin, value)};
      });
    }
    LoginResult r = server.verify(value, (byte[]) answer[1], (X509Certificate) answer[0]);
    ObjectNode doc = Output.object();
    doc.put("status", r.verification().status().name());
    r.subjectId().ifPresent(id -> doc.put("subjectId", id));
    var reasons = doc.putArray("reasons");
    r.verification().failures().forEach(f -> reasons.addObject().put("code", f.code().name()).put("message", f.message()));
    StringBuilder text = new StringBuilder();
    text.append("1. server: challenge issued (").append(value.length).append(" bytes, expires ").append(challenge.expiresAt()).append(")\n");
    text.append("2. card:   authentication PIN verified, challenge bound to ").append(origin).append(" signed with the authentication key\n");
    text.append("3. server: ").append(r.verification().status()).append('\n');
    r.subjectId().ifPresent(id -> text.append("   subject id: ").append(id).append('\n'));
    r.verification().failures().forEach(f -> text.append("   ").append(f.code()).append(": ").append(f.message()).append('\n'));
    main.output().print(doc, text.toString());
    return Verdicts.exitCode(r.verification().status());
  }
}
