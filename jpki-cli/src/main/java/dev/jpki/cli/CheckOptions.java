// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.BadInputException;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.CrlRevocationSource;
import dev.jpki.verify.revocation.RevocationSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code verify} and {@code verify-cert} share: trust anchors, untrusted chain certificates,
 * revocation, the verification time and whether to show the signer's personal data.
 *
 * <p>Revocation (docs/cli.md "Verification defaults"): without {@code --no-revocation} it is required.
 * With no {@code --crl}/{@code --ocsp} the certificate's own OCSP address and http(s) CRL distribution points
 * are asked; when nothing answers the verdict is INDETERMINATE, never VALID (the library fails closed).
 */
final class CheckOptions {
  /** Largest CRL file read (J-LIS CRLs are large; the library's own default limit). */
  private static final long MAX_CRL_BYTES = 512L * 1024 * 1024;

  /** How revocation was configured, reported as {@code revocation} in the JSON. */
  enum RevocationMode {
    /** {@code --no-revocation}: not checked. */
    DISABLED("disabled"),
    /** The certificate's own OCSP / CRL addresses. */
    CERTIFICATE("certificate"),
    /** {@code --crl} and/or {@code --ocsp}. */
    CONFIGURED("configured");

    final String json;

    RevocationMode(String json) {
      this.json = json;
    }
  }

  @Mixin TrustOptions trust;

  @Option(names = "--chain", paramLabel = "F",
      description = "Untrusted intermediate certificates (PEM or DER) for path building (repeatable).")
  List<Path> chainFiles = new ArrayList<>();

  @Option(names = "--crl", paramLabel = "F|URL",
      description = "Check revocation with this CRL file (PEM or DER) or http(s) URL (repeatable).")
  List<String> crls = new ArrayList<>();

  @Option(names = "--ocsp", paramLabel = "URL", description = "Check revocation with this OCSP responder.")
  @Nullable String ocsp;

  @Option(names = "--no-revocation",
      description = "Do not check revocation (by default it is required; see 'Verification defaults').")
  boolean noRevocation;

  @Option(names = "--at", paramLabel = "TIME",
      description = "Verify as of this ISO-8601 instant (e.g. 2026-11-27T03:00:00Z) instead of now: validity, "
          + "CRL freshness and OCSP.")
  @Nullable String at;

  @Option(names = "--show-personal-data",
      description = "Show the signer's name, address, date of birth and sex from a VALID signature certificate.")
  boolean showPersonalData;

  /**
   * The verification time: {@code --at}, else now.
   *
   * @return the instant every check uses
   * @throws CliException exit 2 if {@code --at} is not an ISO-8601 instant
   */
  Instant instant() {
    String t = at;
    // whole seconds: certificate, CRL and OCSP times have no finer resolution, and the JSON stays readable
    return t == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : parseInstant(t);
  }

  /**
   * A clock fixed at {@link #instant()}, so that certificate validity, CRL freshness and OCSP answers are
   * all judged at one time.
   *
   * @return the clock
   */
  Clock clock() {
    return Clock.fixed(instant(), ZoneOffset.UTC);
  }

  static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        throw new CliException(ExitCode.USAGE, "--at must be an ISO-8601 instant such as 2026-11-27T03:00:00Z or "
            + "2026-11-27T12:00:00+09:00, was '" + text + "'", e2);
      }
    }
  }

  /**
   * A validator builder with the certificate profile: production policies, plus the J-LIS test hierarchy's
   * when the anchors are exclusively {@code --trust} files (see {@link TrustOptions#testPoliciesAccepted()}).
   *
   * @return a builder; set anchors, revocation and clock on it
   */
  CertificateValidator.Builder validatorBuilder() {
    CertificateValidator.Builder b = CertificateValidator.builder();
    // docs/card-protocol.md §9.4: the J-LIS test hierarchy differs from production in one policy arc. The
    // authentication value is the test PKI's own choice (no source shows the J-LIS one).
    return trust.testPoliciesAccepted() ? b.acceptTestHierarchy() : b;
  }

  /** @return how revocation is configured */
  RevocationMode revocationMode() {
    if (noRevocation) {
      return RevocationMode.DISABLED;
    }
    return crls.isEmpty() && ocsp == null ? RevocationMode.CERTIFICATE : RevocationMode.CONFIGURED;
  }

  /**
   * The revocation source the options ask for. CRL files are read and parsed here, so a missing or
   * malformed one is a usage error rather than an INDETERMINATE verdict.
   *
   * @return the source
   * @throws CliException exit 2 for contradictory options, a bad URL or an unusable CRL file
   */
  RevocationSource revocation() {
    return revocation(null);
  }

  /**
   * Like {@link #revocation()}, with a progress line while CRL files are read and indexed.
   *
   * @param main the root command, or null for no progress line
   * @return the source
   * @throws CliException exit 2 for contradictory options, a bad URL or an unusable CRL file
   */
  RevocationSource revocation(@Nullable Main main) {
    if (noRevocation) {
      if (!crls.isEmpty() || ocsp != null) {
        throw new CliException(ExitCode.USAGE, "--no-revocation contradicts --crl/--ocsp; give one or the other");
      }
      return RevocationSource.none();
    }
    List<RevocationSource> sources = new ArrayList<>();
    String o = ocsp;
    if (o != null) {
      sources.add(RevocationSource.ocsp(httpUri(o, "--ocsp")));
    }
    if (!crls.isEmpty()) {
      CrlRevocationSource.Builder b = CrlRevocationSource.builder();
      for (String loc : crls) {
        if (isHttp(loc)) {
          b.url(httpUri(loc, "--crl"));
        } else {
          b.crl(readCrl(main, Path.of(loc)));
        }
      }
      sources.add(b.build());
    }
    if (sources.isEmpty()) {
      return RevocationSource.fromCertificate();
    }
    // OCSP first: it is the more current answer; a CRL decides when the responder cannot
    return sources.size() == 1 ? sources.get(0) : RevocationSource.firstOf(sources.toArray(new RevocationSource[0]));
  }

  /**
   * The untrusted chain certificates of {@code --chain}.
   *
   * @return the certificates, in the order given
   * @throws CliException exit 2 if a file is unreadable or not certificates
   */
  List<X509Certificate> chain() {
    List<X509Certificate> out = new ArrayList<>();
    for (Path f : chainFiles) {
      out.addAll(TrustOptions.readCertificates(f, "--chain"));
    }
    return out;
  }

  private static CrlIndex readCrl(@Nullable Main main, Path file) {
    Progress progress = main == null ? null : Progress.start(main, "reading and indexing CRL " + file);
    try {
      return CrlIndex.read(file, MAX_CRL_BYTES);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read --crl " + file + ": " + InputFiles.describe(file, e), e);
    } catch (BadInputException e) {
      throw new CliException(ExitCode.USAGE, "--crl " + file + ": " + e.getMessage(), e);
    } finally {
      if (progress != null) {
        progress.close();
      }
    }
  }

  private static boolean isHttp(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://");
  }

  private static URI httpUri(String s, String option) {
    URI u;
    try {
      u = new URI(s);
    } catch (java.net.URISyntaxException e) {
      throw new CliException(ExitCode.USAGE, option + " is not a valid URL: " + e.getMessage(), e);
    }
    if (!isHttp(s) || u.getHost() == null) {
      throw new CliException(ExitCode.USAGE, option + " must be an http:// or https:// URL with a host, was '"
          + s + "'");
    }
    return u;
  }
}
