// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.verify.internal.JpkiProfile;
import dev.jpki.verify.internal.ResultBuilder;
import dev.jpki.card.KeyType;
import dev.jpki.verify.internal.RevocationChecks;
import dev.jpki.verify.internal.X509Ext;
import dev.jpki.verify.revocation.RevocationReason;
import dev.jpki.verify.revocation.RevocationSource;
import dev.jpki.verify.revocation.RevocationStatus;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a JPKI end-entity certificate: a path to a configured trust anchor, validity at the
 * injected clock's time, key usage, basic constraints, certificate policies, the signature vs
 * authentication profile of docs/card-protocol.md §9, and revocation.
 *
 * <p>Issuers are chosen by key identifier and signature, never by DN: the J-LIS roots of one type share
 * one DN (docs/card-protocol.md §9.5), so a foreign CA with the root's DN does not chain. Certificates supplied with the
 * leaf (e.g. from a CMS structure or a card's CA EF) are only untrusted path-building candidates; a path
 * must end at a {@link TrustAnchors} anchor.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * <pre>{@code
 * CertificateValidator v = CertificateValidator.builder()
 *     .trustAnchors(TrustAnchors.production())
 *     .revocation(RevocationSource.crlFile(Path.of("sign.crl")))
 *     .build();
 * VerificationResult r = v.validate(cert, KeyType.SIGNATURE);
 * }</pre>
 */
public final class CertificateValidator {
  private static final Logger log = LoggerFactory.getLogger(CertificateValidator.class);
  private static final int MAX_PATH = 6;
  private static final Set<String> KNOWN_LEAF_CRITICAL = new HashSet<>(Arrays.asList(
      X509Ext.KEY_USAGE, X509Ext.BASIC_CONSTRAINTS, X509Ext.CERTIFICATE_POLICIES, X509Ext.SUBJECT_ALT_NAME,
      X509Ext.ISSUER_ALT_NAME, X509Ext.EXT_KEY_USAGE, X509Ext.CRL_DISTRIBUTION_POINTS, X509Ext.AUTHORITY_KEY_ID,
      X509Ext.SUBJECT_KEY_ID));

  private static final String EKU_ANY = "2.5.29.37.0";
  private static final List<String> EKU_SIGNATURE = List.of("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36");
  private static final List<String> EKU_AUTHENTICATION = List.of("1.3.6.1.5.5.7.3.2");

  private final TrustAnchors trustAnchors;
  private final RevocationSource revocation;
  private final Clock clock;
  private final JpkiProfile profile;
  private final VerificationLimits limits;
  /**
   * Leaves this validator found VALID, with what that verdict established that depends neither on the
   * time nor on revocation: the path (leaf straight to an anchor), the type, and that every check of
   * the path and the JPKI profile passed. Keyed by the certificate's encoding ({@link
   * X509Certificate#equals} compares encodings), so a certificate sent again in a new object or parsed
   * again from a CMS structure is a hit too. A hit re-checks the validity periods and revocation at the
   * new time and skips the rest: the same bytes give the same answer to every other check, and the
   * settings they depend on (anchors, profile, limits) are final in this validator.
   */
  private final ConcurrentHashMap<X509Certificate, Seen> seen = new ConcurrentHashMap<>();

  /** What a VALID validation of a leaf established, for {@link #seen}. */
  private record Seen(@Nullable KeyType expectedType, KeyType type, List<X509Certificate> path) {}

  /** Bound of {@link #seen}: each entry keeps a certificate object (about 2-3 KB) alive. */
  static final int SEEN_CAPACITY = 1024;

  private CertificateValidator(Builder b) {
    this.limits = b.limits;
    this.trustAnchors = Objects.requireNonNull(b.trustAnchors);
    this.revocation = Objects.requireNonNull(b.revocation);
    this.clock = b.clock;
    this.profile = b.profile.build();
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder with this validator's settings.
   *
   * @return a builder
   */
  public Builder newBuilder() {
    Builder b = new Builder().trustAnchors(trustAnchors).revocation(revocation).clock(clock).limits(limits);
    b.profile = profile.newBuilder();
    return b;
  }

  /**
   * Validates a certificate of either type, with no extra chain certificates.
   *
   * @param certificate the leaf
   * @return the verdict; VALID only if every check passed and revocation said GOOD
   */
  public VerificationResult validate(X509Certificate certificate) {
    return validate(certificate, Collections.emptyList(), null);
  }

  /**
   * Validates a certificate that must be of a given type.
   *
   * @param certificate the leaf
   * @param expectedType the required type
   * @return the verdict
   */
  public VerificationResult validate(X509Certificate certificate, KeyType expectedType) {
    return validate(certificate, Collections.emptyList(), expectedType);
  }

  /**
   * Validates a certificate with untrusted chain certificates.
   *
   * @param certificate the leaf
   * @param chain untrusted CA certificates that may help build the path (order irrelevant)
   * @param expectedType the required type, or null for either
   * @return the verdict
   */
  public VerificationResult validate(X509Certificate certificate, List<X509Certificate> chain,
      @Nullable KeyType expectedType) {
    return validateAt(certificate, chain, expectedType, clock.instant());
  }

  /**
   * Parses and validates a certificate; malformed input gives an INVALID result with {@link
   * FailureCode#MALFORMED_INPUT}.
   *
   * @param derOrPem the certificate
   * @param chain untrusted CA certificates
   * @param expectedType the required type, or null for either
   * @return the verdict
   */
  public VerificationResult validate(byte[] derOrPem, List<X509Certificate> chain,
      @Nullable KeyType expectedType) {
    Instant at = clock.instant();
    X509Certificate cert;
    try {
      cert = Certificates.parse(derOrPem);
    } catch (BadInputException e) {
      return ResultBuilder.start(at).add(FailureCode.MALFORMED_INPUT, e.getMessage()).build();
    }
    return validateAt(cert, chain, expectedType, at);
  }

  /**
   * Returns the clock.
   *
   * @return the clock every check uses
   */
  Clock clock() {
    return clock;
  }

  /**
   * Returns the trust anchors.
   *
   * @return the store
   */
  TrustAnchors trustAnchors() {
    return trustAnchors;
  }

  /**
   * Returns the resource bounds.
   *
   * @return the limits
   */
  VerificationLimits limits() {
    return limits;
  }

  /**
   * Returns the profile.
   *
   * @return the profile
   */
  JpkiProfile profile() {
    return profile;
  }

  VerificationResult validateAt(X509Certificate leaf, List<X509Certificate> chain,
      @Nullable KeyType expectedType, Instant at) {
    try {
      return doValidate(leaf, chain, expectedType, at);
    } catch (RuntimeException e) {
      // a parser failure on a hostile certificate must never escape, let alone become VALID
      log.debug("Certificate could not be processed: {}", e.getClass().getSimpleName());
      return ResultBuilder.start(at).path(Collections.singletonList(leaf))
          .add(FailureCode.MALFORMED_INPUT, 0, "certificate could not be processed (" + e.getClass().getSimpleName()
              + ")").build();
    }
  }

  private VerificationResult doValidate(X509Certificate leaf, List<X509Certificate> chain,
      @Nullable KeyType expectedType, Instant at) {
    Seen s = seen.get(leaf);
    if (s != null && s.expectedType() == expectedType) {
      return revalidate(leaf, s, at);
    }
    ResultBuilder r = ResultBuilder.start(at);
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    TrustAnchor anchor = buildPath(leaf, chain, path, r);
    r.path(path);
    KeyType type = checkLeaf(leaf, expectedType, anchor, at, r);
    if (type != null) {
      r.certificateType(type);
    }
    for (int i = 1; i < path.size(); i++) {
      checkCa(path.get(i), i, i == path.size() - 1 && anchor != null, at, r);
    }
    checkRevocation(path, anchor != null, at, r);
    VerificationResult result = r.build();
    // only a leaf signed by an anchor itself: then the caller's untrusted chain played no part (anchors are
    // tried first), so the same leaf gives the same path whatever chain comes with it next time
    if (result.isValid() && type != null && path.size() == 2) {
      if (seen.size() >= SEEN_CAPACITY) {
        seen.clear(); // crude but bounded; a server's working set of returning users refills it
      }
      seen.put(leaf, new Seen(expectedType, type, List.copyOf(path)));
    }
    log.debug("Certificate validation: {}", result.status());
    return result;
  }

  /** A leaf validated before: only the checks that depend on the time or on revocation run again. */
  private VerificationResult revalidate(X509Certificate leaf, Seen s, Instant at) {
    ResultBuilder r = ResultBuilder.start(at);
    // the caller's object first (equal to the one seen, maybe not the same object)
    List<X509Certificate> path = new ArrayList<>(s.path());
    path.set(0, leaf);
    r.path(path);
    r.certificateType(s.type());
    for (int i = 0; i < path.size(); i++) {
      checkValidity(path.get(i), i, at, r);
    }
    checkRevocation(path, true, at, r);
    VerificationResult result = r.build();
    log.debug("Certificate validation (seen before): {}", result.status());
    return result;
  }

  private void checkRevocation(List<X509Certificate> path, boolean anchored, Instant at,
      ResultBuilder r) {
    if (anchored && !r.hasInvalid()) {
      for (int i = 0; i < path.size() - 1; i++) {
        RevocationStatus s = RevocationChecks.safeCheck(revocation, path.get(i), path.get(i + 1), at);
        switch (s.kind()) {
          case GOOD -> { }
          case REVOKED -> {
            RevocationReason reason = s.reason().orElse(RevocationReason.UNSPECIFIED);
            r.add(Failure.revoked(i, reason, "certificate revoked (" + s.source() + "): " + reason.description()));
          }
          case UNKNOWN -> r.add(FailureCode.REVOCATION_UNKNOWN, i, s.source() + ": " + s.detail());
          default -> r.add(FailureCode.REVOCATION_UNAVAILABLE, i, s.source() + ": " + s.detail());
        }
      }
    }
  }

  /** Builds leaf → anchor into {@code path}; returns the anchor, or null when no path was found. */
  private @Nullable TrustAnchor buildPath(X509Certificate leaf, List<X509Certificate> chain,
      List<X509Certificate> path, ResultBuilder r) {
    X509Certificate current = leaf;
    int untrustedBudget = limits.maxUntrustedCandidates();
    while (path.size() <= MAX_PATH) {
      byte[] aki = X509Ext.authorityKeyIdentifier(current);
      boolean keyIdMatchedButBadSignature = false;
      // anchors first, then configured intermediates, then the caller's untrusted certificates
      for (TrustAnchor a : trustAnchors.anchorEntries()) {
        int m = tryIssuer(current, a.certificate(), a.subjectKeyIdentifierOrNull(), aki);
        if (m == 1) {
          if (!current.getIssuerX500Principal().equals(a.certificate().getSubjectX500Principal())) {
            r.add(FailureCode.ISSUER_NAME_MISMATCH, path.size() - 1,
                "issuer name differs from the subject of the key that signed the certificate");
          }
          path.add(a.certificate());
          return a;
        }
        keyIdMatchedButBadSignature |= m == -1;
      }
      X509Certificate next = null;
      for (TrustAnchor i : trustAnchors.intermediates()) {
        if (path.contains(i.certificate())) {
          continue;
        }
        int m = tryIssuer(current, i.certificate(), i.subjectKeyIdentifierOrNull(), aki);
        if (m == 1) {
          next = i.certificate();
          break;
        }
        keyIdMatchedButBadSignature |= m == -1;
      }
      if (next == null) {
        // untrusted candidates cost an RSA operation each, so they are bounded (SECURITY.md, JPKI-2026-002):
        // only a key-identifier match is tried, never a key above the limits, and at most a budget per
        // validation (JPKI leaves chain directly to a root, so honest input needs no untrusted issuer)
        for (X509Certificate c : chain) {
          if (path.contains(c) || c.getBasicConstraints() < 0) {
            continue;
          }
          byte[] ski = X509Ext.subjectKeyIdentifier(c);
          if (aki == null || ski == null || !Arrays.equals(aki, ski)
              || limits.rsaKeyRefusal(c.getPublicKey()) != null) {
            continue;
          }
          if (untrustedBudget <= 0) {
            log.debug("Untrusted issuer candidates beyond the limit of {} were not tried",
                limits.maxUntrustedCandidates());
            break;
          }
          untrustedBudget--;
          int m = tryIssuer(current, c, ski, aki);
          if (m == 1) {
            next = c;
            break;
          }
          keyIdMatchedButBadSignature |= m == -1;
        }
      }
      if (next == null) {
        if (keyIdMatchedButBadSignature) {
          r.add(FailureCode.BAD_CERTIFICATE_SIGNATURE, path.size() - 1,
              "signature does not verify with the key of the issuer named by its key identifier");
        } else {
          r.add(FailureCode.UNTRUSTED_ISSUER, path.size() - 1,
              "no trusted issuer key verifies this certificate's signature");
        }
        return null;
      }
      if (!current.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
        r.add(FailureCode.ISSUER_NAME_MISMATCH, path.size() - 1,
            "issuer name differs from the subject of the key that signed the certificate");
      }
      path.add(next);
      current = next;
    }
    r.add(FailureCode.UNTRUSTED_ISSUER, path.size() - 1, "path longer than " + MAX_PATH + " certificates");
    return null;
  }

  /** 1 = verified issuer, 0 = not a candidate, -1 = key identifier matched but signature failed. */
  private static int tryIssuer(X509Certificate subject, X509Certificate candidate, byte @Nullable [] ski,
      byte @Nullable [] aki) {
    boolean idMatch = aki != null && ski != null && Arrays.equals(aki, ski);
    if (aki != null && ski != null && !idMatch) {
      return 0;
    }
    if (subject.equals(candidate)) {
      return 0;
    }
    try {
      subject.verify(candidate.getPublicKey());
      return 1;
    } catch (Exception e) {
      return idMatch ? -1 : 0;
    }
  }

  private @Nullable KeyType checkLeaf(X509Certificate c, @Nullable KeyType expected,
      @Nullable TrustAnchor anchor, Instant at, ResultBuilder r) {
    checkValidity(c, 0, at, r);
    checkAlgorithm(c, 0, r);
    checkKey(c.getPublicKey(), 0, r);
    if (c.getBasicConstraints() >= 0) {
      r.add(FailureCode.BASIC_CONSTRAINTS, 0, "end-entity certificate is marked as a CA");
    }
    List<String> policies;
    try {
      policies = X509Ext.policies(c);
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, 0, e.getMessage());
      policies = Collections.emptyList();
    }
    boolean[] ku = c.getKeyUsage();
    KeyType type = null;
    boolean signPolicy = false;
    boolean authPolicy = false;
    for (String p : policies) {
      if (profile.policies(KeyType.SIGNATURE).contains(p)) {
        signPolicy = true;
        type = KeyType.SIGNATURE;
      } else if (profile.policies(KeyType.AUTHENTICATION).contains(p)) {
        authPolicy = true;
        type = KeyType.AUTHENTICATION;
      }
    }
    if (signPolicy && authPolicy) {
      // the type would depend on the order of the policies: a certificate is one or the other (JPKI-2026-010)
      r.add(FailureCode.POLICY, 0, "certificate carries both the signature and the authentication policy");
      type = ku != null && ku.length > 1 && ku[1] ? KeyType.SIGNATURE : KeyType.AUTHENTICATION;
    }
    if (type == null) {
      // A test-hierarchy certificate (the virtual card, jpki-testkit) under the production profile is the
      // usual first mistake: name the option that accepts it.
      boolean test = policies.contains(JpkiProfile.TEST_SIGNATURE_POLICY)
          || policies.contains(JpkiProfile.TEST_AUTHENTICATION_POLICY);
      r.add(FailureCode.POLICY, 0, test
          ? "this certificate chains to the jpki-testkit test hierarchy (test policy OID), which the profile"
              + " does not accept; use CertificateValidator.builder().acceptTestHierarchy() (the jpki CLI accepts it"
              + " when given the test roots with --trust)"
          : "no accepted JPKI certificate policy (found " + policies.size()
              + " other polic" + (policies.size() == 1 ? "y" : "ies") + ")");
      // still tell the types apart for the checks below (docs/card-protocol.md §9.2/§9.4: nonRepudiation only in signature)
      type = ku != null && ku.length > 1 && ku[1] ? KeyType.SIGNATURE : KeyType.AUTHENTICATION;
    }
    if (expected != null && type != expected) {
      r.add(FailureCode.PROFILE, 0, "expected a " + expected + " certificate but got a " + type + " certificate");
    }
    if (anchor != null && anchor.type().isPresent() && anchor.type().get() != type) {
      r.add(FailureCode.PROFILE, 0, "a " + type + " certificate chained to a root that issues "
          + anchor.type().get() + " certificates");
    }
    // keyUsage: critical, digitalSignature; nonRepudiation exactly for signature certificates
    if (ku == null) {
      r.add(FailureCode.KEY_USAGE, 0, "keyUsage extension missing");
    } else {
      if (!c.getCriticalExtensionOIDs().contains(X509Ext.KEY_USAGE)) {
        r.add(FailureCode.KEY_USAGE, 0, "keyUsage is not critical");
      }
      boolean ds = ku.length > 0 && ku[0];
      boolean nr = ku.length > 1 && ku[1];
      boolean caBits = (ku.length > 5 && ku[5]) || (ku.length > 6 && ku[6]);
      if (!ds) {
        r.add(FailureCode.KEY_USAGE, 0, "keyUsage lacks digitalSignature");
      }
      if (type == KeyType.SIGNATURE && !nr) {
        r.add(FailureCode.KEY_USAGE, 0, "signature certificate keyUsage lacks nonRepudiation");
      }
      if (type == KeyType.AUTHENTICATION && nr) {
        r.add(FailureCode.KEY_USAGE, 0, "authentication certificate keyUsage asserts nonRepudiation");
      }
      if (caBits) {
        r.add(FailureCode.KEY_USAGE, 0, "end-entity keyUsage asserts keyCertSign or cRLSign");
      }
    }
    checkExtendedKeyUsage(c, type, r);
    try {
      if (type == KeyType.SIGNATURE && profile.requireBasicFourInfo()) {
        BasicFourInfo.fromCertificate(c);
      } else if (type == KeyType.AUTHENTICATION && BasicFourInfo.isPresentIn(c)) {
        r.add(FailureCode.PROFILE, 0, "authentication certificate carries basic 4 info (it must carry no personal data)");
      }
    } catch (BadInputException e) {
      r.add(FailureCode.PROFILE, 0, "signature certificate basic 4 info: " + e.getMessage());
    }
    checkCriticalExtensions(c, 0, r);
    return type;
  }

  /**
   * The JPKI leaf profile (docs/card-protocol.md §9) names no extendedKeyUsage; if a leaf carries one, it
   * restricts the key (RFC 5280 §4.2.1.12) and must
   * allow the certificate's purpose: anyExtendedKeyUsage, clientAuth for authentication, emailProtection or
   * documentSigning for signature certificates (SECURITY.md, JPKI-2026-010).
   */
  private static void checkExtendedKeyUsage(X509Certificate c, KeyType type, ResultBuilder r) {
    List<String> eku;
    try {
      eku = c.getExtendedKeyUsage();
    } catch (java.security.cert.CertificateParsingException e) {
      r.add(FailureCode.MALFORMED_INPUT, 0, "extendedKeyUsage is malformed");
      return;
    }
    if (eku == null || eku.contains(EKU_ANY)) {
      return;
    }
    List<String> allowed = type == KeyType.SIGNATURE ? EKU_SIGNATURE : EKU_AUTHENTICATION;
    for (String p : eku) {
      if (allowed.contains(p)) {
        return;
      }
    }
    r.add(FailureCode.KEY_USAGE, 0, "extendedKeyUsage does not allow a " + type + " certificate's purpose");
  }

  private void checkCa(X509Certificate c, int index, boolean isAnchor, Instant at, ResultBuilder r) {
    checkValidity(c, index, at, r);
    if (!isAnchor) {
      checkAlgorithm(c, index, r);
    }
    checkKey(c.getPublicKey(), index, r);
    int pathLen = c.getBasicConstraints();
    if (pathLen < 0) {
      r.add(FailureCode.BASIC_CONSTRAINTS, index, "issuer is not a CA certificate");
    } else if (index - 1 > pathLen) {
      r.add(FailureCode.BASIC_CONSTRAINTS, index, "path length constraint exceeded");
    }
    boolean[] ku = c.getKeyUsage();
    if (ku != null && !(ku.length > 5 && ku[5])) {
      r.add(FailureCode.KEY_USAGE, index, "issuer keyUsage lacks keyCertSign");
    }
    checkCriticalExtensions(c, index, r);
  }

  private static void checkValidity(X509Certificate c, int index, Instant at, ResultBuilder r) {
    // a leaf expires on the holder's 5th birthday after issue (docs/card-protocol.md §9.1): its dates are personal data
    try {
      c.checkValidity(Date.from(at));
    } catch (CertificateExpiredException e) {
      r.add(FailureCode.EXPIRED, index, index == 0 ? "certificate has expired"
          : "certificate expired at " + c.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      r.add(FailureCode.NOT_YET_VALID, index, index == 0 ? "certificate is not yet valid"
          : "certificate not valid before " + c.getNotBefore().toInstant());
    }
  }

  private void checkAlgorithm(X509Certificate c, int index, ResultBuilder r) {
    if (!profile.signatureAlgorithms().contains(c.getSigAlgOID())) {
      r.add(FailureCode.WEAK_ALGORITHM, index, "signature algorithm " + c.getSigAlgOID() + " is not accepted");
    }
  }

  private void checkKey(PublicKey key, int index, ResultBuilder r) {
    String refusal = limits.rsaKeyRefusal(key);
    if (refusal != null) {
      r.add(FailureCode.WEAK_ALGORITHM, index, refusal);
    }
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < profile.minRsaBits()) {
        r.add(FailureCode.WEAK_ALGORITHM, index, "RSA key of " + bits + " bits is below " + profile.minRsaBits());
      }
    } else if (key instanceof ECPublicKey ec) {
      if (ec.getParams().getOrder().bitLength() < 256) {
        r.add(FailureCode.WEAK_ALGORITHM, index, "EC key below 256 bits");
      }
    } else {
      r.add(FailureCode.WEAK_ALGORITHM, index, "unsupported key type " + key.getAlgorithm());
    }
  }

  private static void checkCriticalExtensions(X509Certificate c, int index, ResultBuilder r) {
    Set<String> crit = c.getCriticalExtensionOIDs();
    if (crit == null) {
      return;
    }
    for (String oid : crit) {
      if (!KNOWN_LEAF_CRITICAL.contains(oid)) {
        r.add(FailureCode.UNSUPPORTED_CRITICAL_EXTENSION, index, "unsupported critical extension " + oid);
      }
    }
  }

  /** Builder of {@link CertificateValidator}. */
  public static final class Builder {
    private @Nullable TrustAnchors trustAnchors;
    private @Nullable RevocationSource revocation;
    private Clock clock = Clock.systemUTC();
    private JpkiProfile.Builder profile = JpkiProfile.builder();
    private VerificationLimits limits = VerificationLimits.defaults();

    private Builder() {}

    /**
     * Sets the resource bounds (default {@link VerificationLimits#defaults()}).
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(VerificationLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the trust anchors (required).
     *
     * @param anchors e.g. {@link TrustAnchors#production()}
     * @return this builder
     */
    public Builder trustAnchors(TrustAnchors anchors) {
      this.trustAnchors = Objects.requireNonNull(anchors, "anchors");
      return this;
    }

    /**
     * Sets the revocation source (required; {@link RevocationSource#none()} must be named to skip revocation).
     *
     * @param source the source
     * @return this builder
     */
    public Builder revocation(RevocationSource source) {
      this.revocation = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the clock whose instant is the verification time (default system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Also accepts the J-LIS test hierarchy's certificate policies (signature {@code
     * 1.2.392.200149.8.5.1.0.20}, authentication {@code 1.2.392.200149.8.5.1.2.30}, docs/card-protocol.md
     * §9.4): for test cards, the virtual card and jpki-testkit. Production policies stay accepted.
     *
     * @return this builder
     */
    public Builder acceptTestHierarchy() {
      profile.acceptTestHierarchy();
      return this;
    }

    /**
     * Replaces the certificate policies accepted for one certificate type. The defaults are the production
     * policies (signature {@code 1.2.392.200149.8.5.1.1.20}, authentication {@code
     * 1.2.392.200149.8.5.1.3.30}, docs/card-protocol.md §9.2, §9.4); a smartphone signature certificate's policy
     * ({@code 1.2.392.200149.8.5.1.1.40}) is UNCONFIRMED, so it is not accepted unless named here.
     *
     * @param type the certificate type
     * @param oids one or more dotted policy OIDs
     * @return this builder
     * @throws IllegalArgumentException if no OID is given or one is not a dotted OID
     */
    public Builder policies(KeyType type, String... oids) {
      profile.policies(type, oids);
      return this;
    }

    /**
     * Builds the validator.
     *
     * @return the validator
     * @throws IllegalStateException if trust anchors or the revocation source are missing
     */
    public CertificateValidator build() {
      if (trustAnchors == null) {
        throw new IllegalStateException("trustAnchors(..) is required");
      }
      if (revocation == null) {
        throw new IllegalStateException("revocation(..) is required; name RevocationSource.none() to skip it");
      }
      return new CertificateValidator(this);
    }
  }
}
