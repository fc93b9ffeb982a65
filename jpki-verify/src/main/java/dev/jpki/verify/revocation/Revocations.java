// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.revocation;

import dev.jpki.verify.BadInputException;
import dev.jpki.verify.internal.RevocationChecks;
import dev.jpki.verify.internal.X509Ext;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The implementations behind {@link RevocationSource}'s factories. */
final class Revocations {
  private static final RevocationSource NONE = new RevocationSource() {
    @Override
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
      return RevocationStatus.good("none");
    }

    @Override
    public String toString() {
      return "RevocationSource.none()";
    }
  };

  private Revocations() {}

  /**
   * No revocation checking: every certificate counts as not revoked. Only for tests and for callers
   * whose platform operator checks revocation elsewhere.
   *
   * @return a source that always answers GOOD
   */
  static RevocationSource none() {
    return NONE;
  }

  /**
   * Revocation from CRLs that were parsed already.
   *
   * @param crls one or more CRL indexes
   * @return the source
   */
  static RevocationSource crl(CrlIndex... crls) {
    CrlRevocationSource.Builder b = CrlRevocationSource.builder();
    for (CrlIndex c : crls) {
      b.crl(c);
    }
    return b.build();
  }

  /**
   * Revocation from CRLs the JDK parsed (e.g. from {@code CertificateFactory}, or jpki-testkit's {@code
   * TestPki.crl(..)}). Each is re-read from its encoding into a {@link CrlIndex}; its signature is checked
   * against the issuer of the certificate it answers for, as with {@link #crl(CrlIndex...)}.
   *
   * @param crls one or more CRLs
   * @return the source
   * @throws IllegalArgumentException if a CRL's encoding is not a CRL this library accepts
   */
  static RevocationSource crl(X509CRL... crls) {
    CrlIndex[] indexes = new CrlIndex[crls.length];
    for (int i = 0; i < crls.length; i++) {
      try {
        indexes[i] = CrlIndex.parse(crls[i].getEncoded());
      } catch (CRLException | BadInputException e) {
        throw new IllegalArgumentException("CRL " + i + " cannot be read: " + e.getMessage(), e);
      }
    }
    return crl(indexes);
  }

  /**
   * Revocation from a CRL file (DER or PEM), loaded on first use and reloaded when due.
   *
   * @param file the CRL file
   * @return the source
   */
  static RevocationSource crlFile(Path file) {
    return CrlRevocationSource.builder().file(file).build();
  }

  /**
   * Revocation from a CRL URL, fetched on first use and again when due.
   *
   * @param url http(s) URL
   * @return the source
   */
  static RevocationSource crlUrl(URI url) {
    return CrlRevocationSource.builder().url(url).build();
  }

  /**
   * Revocation from an OCSP responder at a fixed URL, with default settings.
   *
   * @param responder http(s) URL
   * @return the source
   */
  static RevocationSource ocsp(URI responder) {
    return OcspRevocationSource.builder().responder(responder).build();
  }

  /**
   * Revocation from the addresses in each certificate: its AIA OCSP URL, else its http(s) CRL
   * distribution points (fetched once per URL and refreshed when due). JPKI certificates name their CRL
   * by directory name, not URL (docs/card-protocol.md §9.2), so for them this usually answers UNAVAILABLE.
   *
   * @return the source
   */
  static RevocationSource fromCertificate() {
    return new FromCertificate();
  }

  /**
   * Asks sources in order; the first GOOD or REVOKED answer decides. If none decides, the answer is
   * UNKNOWN when every source said UNKNOWN, else UNAVAILABLE.
   *
   * @param sources the sources, most preferred first
   * @return the combined source
   */
  static RevocationSource firstOf(RevocationSource... sources) {
    if (sources.length == 0) {
      throw new IllegalArgumentException("at least one source is required");
    }
    List<RevocationSource> list = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(sources)));
    for (RevocationSource s : list) {
      Objects.requireNonNull(s, "source");
    }
    return new FirstOf(list);
  }

  private static final class FirstOf implements RevocationSource {
    private final List<RevocationSource> sources;

    FirstOf(List<RevocationSource> sources) {
      this.sources = sources;
    }

    @Override
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
      boolean allUnknown = true;
      List<String> details = new ArrayList<>();
      for (RevocationSource s : sources) {
        RevocationStatus r = RevocationChecks.safeCheck(s, certificate, issuer, at);
        if (r.kind() == RevocationStatus.Kind.GOOD || r.kind() == RevocationStatus.Kind.REVOKED) {
          return r;
        }
        allUnknown &= r.kind() == RevocationStatus.Kind.UNKNOWN;
        details.add(r.source() + ": " + r.detail());
      }
      String d = String.join("; ", details);
      return allUnknown ? RevocationStatus.unknown("firstOf", d) : RevocationStatus.unavailable("firstOf", d);
    }

    @Override
    public String toString() {
      return "RevocationSource.firstOf" + sources;
    }
  }

  private static final class FromCertificate implements RevocationSource {
    private static final int MAX_CACHED_URLS = 64;
    private final Map<String, RevocationSource> byUrl = new ConcurrentHashMap<>();

    @Override
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
      if (byUrl.size() > MAX_CACHED_URLS) {
        byUrl.clear(); // certificates name their own URLs: keep the cache bounded
      }
      List<RevocationSource> sources = new ArrayList<>();
      try {
        for (String url : X509Ext.ocspUrls(certificate)) {
          sources.add(byUrl.computeIfAbsent("ocsp " + url, k -> ocsp(URI.create(url))));
        }
        for (String url : X509Ext.crlUrls(certificate)) {
          sources.add(byUrl.computeIfAbsent("crl " + url, k -> crlUrl(URI.create(url))));
        }
      } catch (IllegalArgumentException e) {
        return RevocationStatus.unavailable("certificate", "the certificate names a malformed revocation URL");
      }
      if (sources.isEmpty()) {
        return RevocationStatus.unavailable("certificate",
            "the certificate names no http(s) OCSP responder or CRL distribution point");
      }
      return firstOf(sources.toArray(new RevocationSource[0])).check(certificate, issuer, at);
    }

    @Override
    public String toString() {
      return "RevocationSource.fromCertificate()";
    }
  }
}
