// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.card.KeyType;
import java.util.Optional;
import java.security.cert.X509Certificate;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.verify.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jpki trust list}: the trust anchors a verification would use. */
@Command(name = "trust", description = "Show trust anchors.", subcommands = {TrustCommand.ListAnchors.class})
final class TrustCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: list");
  }

  /**
   * {@code jpki trust list [--trust FILE…] [--trust-production]}: subject, SHA-256 and validity of each
   * anchor; the production roots when no option names anchors. Root subjects are not personal data.
   */
  @Command(name = "list", description = "List trust anchors (default: the pinned J-LIS production roots).")
  static final class ListAnchors implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin TrustOptions trust;

    @Override
    public void run() {
      TrustAnchors anchors = trust.load(true);
      ArrayNode arr = Output.array();
      StringBuilder text = new StringBuilder();
      for (X509Certificate a : anchors.anchors()) {
        String subject = a.getSubjectX500Principal().getName();
        String sha256 = Verdicts.sha256Hex(a);
        Optional<KeyType> issues = anchors.issues(a);
        ObjectNode o = arr.addObject().put("subject", subject).put("sha256", sha256)
            .put("notBefore", a.getNotBefore().toInstant().toString()).put("notAfter", a.getNotAfter().toInstant().toString());
        issues.ifPresent(t -> o.put("issues", Verdicts.typeName(t)));
        o.put("production", anchors.isProduction(a));
        text.append(subject).append('\n')
            .append("  sha256 ").append(sha256).append('\n')
            .append("  valid  ").append(a.getNotBefore().toInstant()).append(" .. ").append(a.getNotAfter().toInstant()).append('\n')
            .append(issues.map(t -> "  issues " + Verdicts.typeName(t) + " certificates\n").orElse(""))
            .append(anchors.isProduction(a) ? "  pinned J-LIS production root\n" : "");
      }
      Main.root(spec).output().print(arr, text.toString());
    }
  }
}
