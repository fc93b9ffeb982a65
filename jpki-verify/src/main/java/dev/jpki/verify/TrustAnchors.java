// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.util.Optional;
import dev.jpki.card.KeyType;
import dev.jpki.internal.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, extensible set of trust anchors (self-signed roots) plus optional untrusted
 * intermediates such as J-LIS link certificates, each parsed once.
 *
 * <p>All J-LIS roots of one type share one subject DN (docs/card-protocol.md §9.5), so verifiers pick the issuer by key
 * identifier and signature, never by name. {@link #production()} holds the six J-LIS roots shipped as
 * resources (signature and user-authentication, generations 2015, 2019 and 2023), each checked against its
 * SHA-256 pin when loaded. Operators add further generations or link certificates with the {@link Builder}
 * without a new release, ideally with {@link Builder#addPinned}, or from a root file with {@link
 * Builder#add}.
 *
 * <p>Thread-safe.
 */
public final class TrustAnchors {
  /**
   * Resource name and SHA-256 pin of each shipped production root, every published generation
   * (docs/trust-anchors.md lists their sources; the auth 2019 pin rests on one public source).
   */
  private static final String[][] PRODUCTION = {
    {"sign_ca_2015.pem", "19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355", "SIGNATURE"},
    {"sign_ca_2019.pem", "79679c33e4cc9319440f1ad120a597ff1844e2ef217063adb176966fd5e6fbeb", "SIGNATURE"},
    {"sign_ca_2023.pem", "d227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f", "SIGNATURE"},
    {"auth_ca_2015.pem", "4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d", "AUTHENTICATION"},
    {"auth_ca_2019.pem", "0d98de47fc11b7f67126874b7028b6026a803d2638d6edfe53176953961fade6", "AUTHENTICATION"},
    {"auth_ca_2023.pem", "64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5", "AUTHENTICATION"},
  };

  private static volatile @Nullable TrustAnchors production;

  private final List<TrustAnchor> anchors;
  private final List<TrustAnchor> intermediates;

  private TrustAnchors(List<TrustAnchor> anchors, List<TrustAnchor> intermediates) {
    this.anchors = Collections.unmodifiableList(anchors);
    this.intermediates = Collections.unmodifiableList(intermediates);
  }

  /**
   * The six pinned J-LIS production roots (signature and user-authentication, 2015, 2019 and 2023
   * generations), loaded and pin-checked once.
   *
   * @return the shared production store
   * @throws IllegalStateException if a shipped resource is missing or does not match its pin
   */
  public static TrustAnchors production() {
    TrustAnchors p = production;
    if (p == null) {
      synchronized (TrustAnchors.class) {
        p = production;
        if (p == null) {
          p = builder().addProductionRoots().build();
          production = p;
        }
      }
    }
    return p;
  }

  /**
   * Starts an empty builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this store's anchors and intermediates.
   *
   * @return a builder
   */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.anchors.addAll(anchors);
    b.intermediates.addAll(intermediates);
    return b;
  }

  /**
   * Returns the trust anchors' certificates.
   *
   * @return an unmodifiable list, in the order added
   */
  public List<X509Certificate> anchors() {
    List<X509Certificate> out = new ArrayList<>(anchors.size());
    for (TrustAnchor a : anchors) {
      out.add(a.certificate());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the certificate type an anchor issues, when known.
   *
   * @param anchor one of {@link #anchors()}
   * @return SIGNATURE or AUTHENTICATION for the pinned production roots and roots added with a type;
   *     empty for other roots and for a certificate that is not an anchor here
   */
  public Optional<KeyType> issues(X509Certificate anchor) {
    TrustAnchor a = find(anchor);
    return a == null ? Optional.empty() : a.type();
  }

  /**
   * Whether an anchor is one of the pinned J-LIS production roots shipped with the library.
   *
   * @param anchor a certificate
   * @return true for a shipped production root in these anchors
   */
  public boolean isProduction(X509Certificate anchor) {
    TrustAnchor a = find(anchor);
    return a != null && a.isProduction();
  }

  private @Nullable TrustAnchor find(X509Certificate certificate) {
    for (TrustAnchor a : anchors) {
      if (a.certificate().equals(certificate)) {
        return a;
      }
    }
    return null;
  }

  /** The anchors with their fingerprints and key identifiers, for path building. */
  List<TrustAnchor> anchorEntries() {
    return anchors;
  }

  /** The untrusted intermediates (e.g. link certificates) usable for path building. */
  List<TrustAnchor> intermediates() {
    return intermediates;
  }

  @Override
  public String toString() {
    return "TrustAnchors[" + anchors.size() + " anchors, " + intermediates.size() + " intermediates]";
  }

  /** Builder of {@link TrustAnchors}. */
  public static final class Builder {
    private final Set<TrustAnchor> anchors = new LinkedHashSet<>();
    private final Set<TrustAnchor> intermediates = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Adds the six J-LIS production roots shipped with the library, checking each against its pin.
     *
     * @return this builder
     * @throws IllegalStateException if a resource is missing or does not match its pin
     */
    public Builder addProductionRoots() {
      for (String[] p : PRODUCTION) {
        byte[] pem;
        try (InputStream in = TrustAnchors.class.getResourceAsStream("trust/" + p[0])) {
          if (in == null) {
            throw new IllegalStateException("production root resource missing: " + p[0]);
          }
          pem = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read production root " + p[0], e);
        }
        X509Certificate cert;
        try {
          cert = Certificates.parse(pem);
        } catch (BadInputException e) {
          throw new IllegalStateException("production root " + p[0] + " is not a certificate", e);
        }
        TrustAnchor a = new TrustAnchor(cert, KeyType.valueOf(p[2]), true);
        if (!a.sha256Hex().equals(p[1])) {
          throw new IllegalStateException("production root " + p[0] + " does not match its SHA-256 pin");
        }
        anchors.add(a);
      }
      return this;
    }

    /**
     * Adds a trust anchor of unspecified type.
     *
     * @param root a CA certificate (basicConstraints CA)
     * @return this builder
     * @throws IllegalArgumentException if the certificate is not a CA certificate
     */
    public Builder add(X509Certificate root) {
      anchors.add(new TrustAnchor(requireCa(root), null, false));
      return this;
    }

    /**
     * Adds a trust anchor that issues certificates of one type; a leaf of the other type chained to it
     * is reported as a {@link FailureCode#PROFILE} failure.
     *
     * @param root a CA certificate
     * @param issues the type of certificates it issues
     * @return this builder
     * @throws IllegalArgumentException if the certificate is not a CA certificate
     */
    public Builder add(X509Certificate root, KeyType issues) {
      anchors.add(new TrustAnchor(requireCa(root), Objects.requireNonNull(issues, "issues"), false));
      return this;
    }

    /**
     * Adds every certificate of a DER or PEM input as a trust anchor.
     *
     * @param derOrPem the certificates
     * @return this builder
     * @throws BadInputException if the input is not certificates
     * @throws IllegalArgumentException if one is not a CA certificate
     */
    public Builder add(byte[] derOrPem) throws BadInputException {
      for (X509Certificate c : Certificates.parseAll(derOrPem)) {
        add(c);
      }
      return this;
    }

    /**
     * Adds every certificate of a DER or PEM file as a trust anchor.
     *
     * @param file the file
     * @return this builder
     * @throws IOException if it cannot be read
     * @throws BadInputException if it does not hold certificates
     */
    public Builder add(Path file) throws IOException, BadInputException {
      for (X509Certificate c : Certificates.read(file)) {
        add(c);
      }
      return this;
    }

    /**
     * Adds a trust anchor after checking its SHA-256 pin, e.g. a root generation published after this
     * release.
     *
     * @param derOrPem the certificate
     * @param sha256Hex expected SHA-256 of its DER encoding (hex, case and spaces ignored)
     * @param issues the type of certificates it issues
     * @return this builder
     * @throws BadInputException if the input is not a certificate
     * @throws IllegalArgumentException if the fingerprint differs or it is not a CA certificate
     */
    public Builder addPinned(byte[] derOrPem, String sha256Hex, KeyType issues) throws BadInputException {
      X509Certificate cert = Certificates.parse(derOrPem);
      TrustAnchor a = new TrustAnchor(requireCa(cert), issues, false);
      String want = sha256Hex.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
      Hex.decode(want);
      if (!a.sha256Hex().equals(want)) {
        throw new IllegalArgumentException("certificate does not match the pin " + want);
      }
      anchors.add(a);
      return this;
    }

    /**
     * Adds an untrusted CA certificate usable when building paths: an intermediate or a J-LIS link
     * certificate (a new root key certified by an old one, or the reverse). It never terminates a path.
     *
     * @param caCertificate a CA certificate
     * @return this builder
     * @throws IllegalArgumentException if it is not a CA certificate
     */
    public Builder addIntermediate(X509Certificate caCertificate) {
      intermediates.add(new TrustAnchor(requireCa(caCertificate), null, false));
      return this;
    }

    /**
     * Adds all anchors and intermediates of another store.
     *
     * @param other the store
     * @return this builder
     */
    public Builder addAll(TrustAnchors other) {
      anchors.addAll(other.anchors);
      intermediates.addAll(other.intermediates);
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the immutable store
     * @throws IllegalStateException if no anchor was added
     */
    public TrustAnchors build() {
      if (anchors.isEmpty()) {
        throw new IllegalStateException("no trust anchor added");
      }
      return new TrustAnchors(new ArrayList<>(anchors), new ArrayList<>(intermediates));
    }

    private static X509Certificate requireCa(X509Certificate c) {
      Objects.requireNonNull(c, "certificate");
      if (c.getBasicConstraints() < 0) {
        throw new IllegalArgumentException("not a CA certificate (basicConstraints CA is not set)");
      }
      return c;
    }
  }
}
