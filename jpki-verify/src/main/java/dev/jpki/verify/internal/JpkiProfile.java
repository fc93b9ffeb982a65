// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.card.KeyType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a JPKI end-entity certificate must look like (docs/card-protocol.md §9): the accepted certificate policy OIDs per
 * {@link KeyType}, the minimum RSA key size, the accepted signature and digest algorithms, and
 * whether a signature certificate must carry the basic 4 info.
 *
 * <p>Immutable and thread-safe. {@link #production()} holds the production values; the authentication
 * policy OID is single-sourced (docs/card-protocol.md §9.4) so it is configurable, as are test hierarchies.
 */
public final class JpkiProfile {
  /** Production certificate policy of signature certificates (docs/card-protocol.md §9.2). */
  public static final String SIGNATURE_POLICY = "1.2.392.200149.8.5.1.1.20";
  /** Production certificate policy of authentication certificates (docs/card-protocol.md §9.4, UNCONFIRMED). */
  public static final String AUTHENTICATION_POLICY = "1.2.392.200149.8.5.1.3.30";
  /** Policy of signature certificates of the J-LIS test hierarchy ({@code O=JPKI-TEST}, docs/card-protocol.md §9.4). */
  public static final String TEST_SIGNATURE_POLICY = "1.2.392.200149.8.5.1.0.20";
  /**
   * Policy of authentication certificates of the jpki-testkit test PKI. No J-LIS test value is known;
   * the testkit derives it from the production OID the way the signature test OID differs (docs/card-protocol.md §9.4).
   */
  public static final String TEST_AUTHENTICATION_POLICY = "1.2.392.200149.8.5.1.2.30";
  /**
   * Reported policy of smartphone (Android/iPhone) signature certificates (docs/card-protocol.md §9.4, research note
   * only: UNCONFIRMED). Not accepted by default; add it with {@link Builder#addPolicy}.
   */
  public static final String SMARTPHONE_SIGNATURE_POLICY = "1.2.392.200149.8.5.1.1.40";

  /** sha256WithRSAEncryption. */
  public static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  /** sha384WithRSAEncryption. */
  public static final String SHA384_WITH_RSA = "1.2.840.113549.1.1.12";
  /** sha512WithRSAEncryption. */
  public static final String SHA512_WITH_RSA = "1.2.840.113549.1.1.13";
  /** ecdsa-with-SHA256. */
  public static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
  /** ecdsa-with-SHA384. */
  public static final String SHA384_WITH_ECDSA = "1.2.840.10045.4.3.3";
  /** ecdsa-with-SHA512. */
  public static final String SHA512_WITH_ECDSA = "1.2.840.10045.4.3.4";
  /** SHA-256 digest OID. */
  public static final String SHA256 = "2.16.840.1.101.3.4.2.1";
  /** SHA-384 digest OID. */
  public static final String SHA384 = "2.16.840.1.101.3.4.2.2";
  /** SHA-512 digest OID. */
  public static final String SHA512 = "2.16.840.1.101.3.4.2.3";
  /** SHA-1 digest OID (not accepted by default). */
  public static final String SHA1 = "1.3.14.3.2.26";

  private static final JpkiProfile PRODUCTION = builder().build();

  private final Set<String> signaturePolicies;
  private final Set<String> authenticationPolicies;
  private final Set<String> signatureAlgorithms;
  private final Set<String> digestAlgorithms;
  private final int minRsaBits;
  private final boolean requireBasicFourInfo;

  private JpkiProfile(Builder b) {
    this.signaturePolicies = Collections.unmodifiableSet(new LinkedHashSet<>(b.signaturePolicies));
    this.authenticationPolicies = Collections.unmodifiableSet(new LinkedHashSet<>(b.authenticationPolicies));
    this.signatureAlgorithms = Collections.unmodifiableSet(new LinkedHashSet<>(b.signatureAlgorithms));
    this.digestAlgorithms = Collections.unmodifiableSet(new LinkedHashSet<>(b.digestAlgorithms));
    this.minRsaBits = b.minRsaBits;
    this.requireBasicFourInfo = b.requireBasicFourInfo;
  }

  /**
   * The production profile: policies {@value #SIGNATURE_POLICY} and {@value
   * #AUTHENTICATION_POLICY}, RSA at least 2048 bits, SHA-256/384/512 with RSA or ECDSA,
   * basic 4 info required in signature certificates.
   *
   * @return the shared production profile
   */
  public static JpkiProfile production() {
    return PRODUCTION;
  }

  /**
   * Starts a builder with the production values.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder with this profile's values.
   *
   * @return a builder
   */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.signaturePolicies.clear();
    b.signaturePolicies.addAll(signaturePolicies);
    b.authenticationPolicies.clear();
    b.authenticationPolicies.addAll(authenticationPolicies);
    b.signatureAlgorithms.clear();
    b.signatureAlgorithms.addAll(signatureAlgorithms);
    b.digestAlgorithms.clear();
    b.digestAlgorithms.addAll(digestAlgorithms);
    b.minRsaBits = minRsaBits;
    b.requireBasicFourInfo = requireBasicFourInfo;
    return b;
  }

  /**
   * Returns the accepted policy OIDs of a certificate type.
   *
   * @param type the type
   * @return dotted OIDs
   */
  public Set<String> policies(KeyType type) {
    return type == KeyType.SIGNATURE ? signaturePolicies : authenticationPolicies;
  }

  /**
   * Returns the accepted certificate/CRL/OCSP signature algorithm OIDs.
   *
   * @return dotted OIDs
   */
  public Set<String> signatureAlgorithms() {
    return signatureAlgorithms;
  }

  /**
   * Returns the accepted digest algorithm OIDs for raw and CMS signatures.
   *
   * @return dotted OIDs
   */
  public Set<String> digestAlgorithms() {
    return digestAlgorithms;
  }

  /**
   * Returns the minimum RSA modulus size.
   *
   * @return bits
   */
  public int minRsaBits() {
    return minRsaBits;
  }

  /**
   * Whether signature certificates must carry name, date of birth, sex and address (docs/card-protocol.md §9.3).
   *
   * @return true by default
   */
  public boolean requireBasicFourInfo() {
    return requireBasicFourInfo;
  }

  /** Builder of {@link JpkiProfile}; starts from the production values. */
  public static final class Builder {
    private final Set<String> signaturePolicies = new LinkedHashSet<>();
    private final Set<String> authenticationPolicies = new LinkedHashSet<>();
    private final Set<String> signatureAlgorithms = new LinkedHashSet<>();
    private final Set<String> digestAlgorithms = new LinkedHashSet<>();
    private int minRsaBits = 2048;
    private boolean requireBasicFourInfo = true;

    private Builder() {
      signaturePolicies.add(SIGNATURE_POLICY);
      authenticationPolicies.add(AUTHENTICATION_POLICY);
      Collections.addAll(signatureAlgorithms, SHA256_WITH_RSA, SHA384_WITH_RSA, SHA512_WITH_RSA,
          SHA256_WITH_ECDSA, SHA384_WITH_ECDSA, SHA512_WITH_ECDSA);
      Collections.addAll(digestAlgorithms, SHA256, SHA384, SHA512);
    }

    /**
     * Replaces the accepted policies of a certificate type.
     *
     * @param type the type
     * @param oids dotted OIDs; at least one
     * @return this builder
     */
    public Builder policies(KeyType type, String... oids) {
      if (oids.length == 0) {
        throw new IllegalArgumentException("at least one policy OID is required");
      }
      Set<String> target = type == KeyType.SIGNATURE ? signaturePolicies : authenticationPolicies;
      target.clear();
      for (String oid : oids) {
        target.add(checkOid(oid));
      }
      return this;
    }

    /**
     * Adds an accepted policy for a certificate type (e.g. a test hierarchy's OID).
     *
     * @param type the type
     * @param oid dotted OID
     * @return this builder
     */
    public Builder addPolicy(KeyType type, String oid) {
      (type == KeyType.SIGNATURE ? signaturePolicies : authenticationPolicies).add(checkOid(oid));
      return this;
    }

    /**
     * Also accepts the test hierarchy's policies ({@link #TEST_SIGNATURE_POLICY}, {@link
     * #TEST_AUTHENTICATION_POLICY}), e.g. to verify what the virtual card produces with
     * the test PKI's roots as trust anchors.
     *
     * @return this builder
     */
    public Builder acceptTestHierarchy() {
      signaturePolicies.add(TEST_SIGNATURE_POLICY);
      authenticationPolicies.add(TEST_AUTHENTICATION_POLICY);
      return this;
    }

    /**
     * Adds an accepted digest algorithm (e.g. {@link #SHA1} for legacy signatures).
     *
     * @param oid dotted OID of SHA-1, SHA-256, SHA-384 or SHA-512
     * @return this builder
     */
    public Builder addDigestAlgorithm(String oid) {
      digestAlgorithms.add(checkOid(oid));
      return this;
    }

    /**
     * Sets the minimum RSA modulus size.
     *
     * @param bits at least 1024
     * @return this builder
     */
    public Builder minRsaBits(int bits) {
      if (bits < 1024) {
        throw new IllegalArgumentException("minRsaBits must be at least 1024");
      }
      this.minRsaBits = bits;
      return this;
    }

    /**
     * Sets whether signature certificates must carry the basic 4 info.
     *
     * @param required true to require name, date of birth, sex and address
     * @return this builder
     */
    public Builder requireBasicFourInfo(boolean required) {
      this.requireBasicFourInfo = required;
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the immutable profile
     */
    public JpkiProfile build() {
      return new JpkiProfile(this);
    }

    private static String checkOid(String oid) {
      Objects.requireNonNull(oid, "oid");
      if (!oid.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
        throw new IllegalArgumentException("not a dotted OID: " + oid);
      }
      return oid;
    }
  }
}
