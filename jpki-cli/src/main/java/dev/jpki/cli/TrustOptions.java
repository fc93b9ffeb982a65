// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.Certificates;
import dev.jpki.verify.TrustAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --trust FILE…} and {@code --trust-production}: the trust anchors of {@code verify}, {@code
 * verify-cert} and {@code trust list} (docs/cli.md "Verification defaults").
 */
final class TrustOptions {
  @Option(names = "--trust", paramLabel = "FILE",
      description = "Trust the CA certificates in this PEM or DER file (repeat the option for several files).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--trust-production",
      description = "Trust the six pinned J-LIS production roots (signature and authentication, 2015, 2019 and 2023).")
  boolean production;

  /** @return whether any trust anchor was named */
  boolean named() {
    return production || !files.isEmpty();
  }

  /**
   * Whether the policies of the J-LIS test hierarchy may be accepted: only when the anchors are exclusively
   * the operator's own files. With {@code --trust-production} the strict production profile applies to
   * every path, so a test-policy certificate never passes next to the production roots.
   *
   * @return true when {@code --trust} files are named and {@code --trust-production} is not
   */
  boolean testPoliciesAccepted() {
    return !production && !files.isEmpty();
  }

  /**
   * Loads the anchors.
   *
   * @param productionByDefault use the production roots when no option names anchors ({@code trust list});
   *     otherwise naming none is a usage error, so a verification never silently trusts nothing or everything
   * @return the anchors
   * @throws CliException exit 2 if none is named (and no default), or a file is unreadable, not
   *     certificates, or holds a certificate that is not a CA
   */
  TrustAnchors load(boolean productionByDefault) {
    if (!named() && !productionByDefault) {
      throw new CliException(ExitCode.USAGE, "name the trust anchors: --trust FILE (a CA certificate, PEM or "
          + "DER; repeatable) and/or --trust-production (the J-LIS production roots)");
    }
    TrustAnchors.Builder b = TrustAnchors.builder();
    if (production || !named()) {
      b.addProductionRoots();
    }
    for (Path f : files) {
      List<X509Certificate> certs = readCertificates(f, "--trust");
      for (X509Certificate c : certs) {
        try {
          b.add(c);
        } catch (IllegalArgumentException e) {
          throw new CliException(ExitCode.USAGE, "--trust " + f + ": " + e.getMessage(), e);
        }
      }
    }
    return b.build();
  }

  /**
   * Reads every certificate of a PEM or DER file named by an option.
   *
   * @param file the file
   * @param option the option, for the message
   * @return the certificates, at least one
   * @throws CliException exit 2 if the file cannot be read or does not hold certificates
   */
  static List<X509Certificate> readCertificates(Path file, String option) {
    try {
      return Certificates.read(file);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read " + option + " " + file + ": " + InputFiles.describe(file, e), e);
    } catch (BadInputException e) {
      throw new CliException(ExitCode.USAGE, option + " " + file + ": " + e.getMessage(), e);
    }
  }
}
