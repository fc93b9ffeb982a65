// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.Certificates;
import dev.jpki.verify.FailureCode;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.VerificationResult;
import dev.jpki.verify.internal.ResultBuilder;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jpki verify-cert C [--chain F…] [trust and revocation options]}: validates a JPKI certificate of
 * either type: path to a trust anchor, validity, the profile of docs/card-protocol.md §9 and revocation.
 *
 * <p>The certificate under test is judged, never rejected as bad input: if it cannot be parsed the verdict is
 * INVALID with {@code MALFORMED_INPUT}. Further certificates in its file are used as chain candidates.
 */
@Command(name = "verify-cert", sortOptions = false,
    description = "Validate a JPKI certificate: chain, profile, validity and revocation.")
final class VerifyCertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "C", description = "The certificate (PEM or DER).")
  Path certificate = Path.of("C");

  @Mixin CheckOptions check;

  @Override
  public Integer call() {
    Main main = Main.root(spec);
    TrustAnchors anchors = check.trust.load(false);
    Clock clock = check.clock();
    CertificateValidator validator = check.validatorBuilder()
        .trustAnchors(anchors)
        .revocation(check.revocation(main))
        .clock(clock)
        .build();
    List<X509Certificate> chain = new ArrayList<>(check.chain());
    byte[] bytes = InputFiles.read(certificate, "certificate");
    VerificationResult result;
    try {
      List<X509Certificate> certs = Certificates.parseAll(bytes);
      chain.addAll(certs.subList(1, certs.size()));
      Progress progress = Progress.start(main, "validating the certificate"
          + (check.revocationMode() == CheckOptions.RevocationMode.DISABLED ? "" : ", checking revocation"));
      try {
        result = validator.validate(certs.get(0), chain, null);
      } finally {
        progress.close();
      }
    } catch (BadInputException e) {
      result = ResultBuilder.start(clock.instant()).add(FailureCode.MALFORMED_INPUT, e.getMessage()).build();
    }
    return Verdicts.print(main.output(), result, null, anchors, check);
  }
}
