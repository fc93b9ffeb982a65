// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.jspecify.annotations.Nullable;

/**
 * Resource bounds for everything jpki-verify reads from outside: sizes, element counts, nesting,
 * candidate certificates, key sizes and time. Every default is listed here, in one place; pass a value to
 * the verifiers' builders ({@code .limits(..)}) to change them.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@code maxCmsBytes}</td><td>8 MiB</td><td>a CMS with attached content is parsed in memory
 *       (BouncyCastle needs a multiple of the input); detached signatures are a few KiB</td></tr>
 *   <tr><td>{@code maxCmsElements}</td><td>100,000</td><td>ASN.1 elements in a CMS; each becomes a
 *       parser object, so a count bound caps the heap a small input can claim</td></tr>
 *   <tr><td>{@code maxCmsCertificates}</td><td>16</td><td>certificates carried in one CMS; a JPKI
 *       signature needs the signer and at most its issuer</td></tr>
 *   <tr><td>{@code maxDerDepth}</td><td>48</td><td>nesting of any BER/DER structure (stack depth of the
 *       parsers that follow)</td></tr>
 *   <tr><td>{@code maxUntrustedCandidates}</td><td>4</td><td>signature checks against untrusted
 *       (caller- or CMS-supplied) issuer candidates per validation; JPKI leaves chain directly to a root,
 *       so honest input needs none</td></tr>
 *   <tr><td>{@code maxRsaModulusBits}</td><td>4096</td><td>largest RSA key any RSA operation is done
 *       with (JPKI keys are 2048 bits; RSA cost grows with the cube of the size)</td></tr>
 *   <tr><td>{@code maxRsaExponentBits}</td><td>17</td><td>largest public exponent (65537 has 17 bits);
 *       a 64-bit exponent multiplies the cost of a check</td></tr>
 * </table>
 *
 * <p>The revocation sources bound what they fetch with their own builder options, where they are set up:
 * {@code CrlRevocationSource.Builder.maxBytes/timeout} (512 MiB, 30 s for one whole download) and {@code
 * OcspRevocationSource.Builder.timeout} (10 s; responses up to 64 KiB). Whatever Content-Length an HTTP
 * server claims, the first buffer for its body is at most 64 KiB and grows only with bytes actually
 * received.
 *
 * <p>Immutable and thread-safe.
 */
public final class VerificationLimits {
  private static final VerificationLimits DEFAULTS = builder().build();

  private final int maxCmsBytes;
  private final int maxCmsElements;
  private final int maxCmsCertificates;
  private final int maxDerDepth;
  private final int maxUntrustedCandidates;
  private final int maxRsaModulusBits;
  private final int maxRsaExponentBits;

  private VerificationLimits(Builder b) {
    this.maxCmsBytes = b.maxCmsBytes;
    this.maxCmsElements = b.maxCmsElements;
    this.maxCmsCertificates = b.maxCmsCertificates;
    this.maxDerDepth = b.maxDerDepth;
    this.maxUntrustedCandidates = b.maxUntrustedCandidates;
    this.maxRsaModulusBits = b.maxRsaModulusBits;
    this.maxRsaExponentBits = b.maxRsaExponentBits;
  }

  /**
   * Returns the defaults listed in the class documentation.
   *
   * @return the default limits
   */
  public static VerificationLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the largest CMS structure accepted.
   *
   * @return bytes (default 8 MiB)
   */
  int maxCmsBytes() {
    return maxCmsBytes;
  }

  /**
   * Returns the largest number of ASN.1 elements in a CMS structure.
   *
   * @return elements (default 100,000)
   */
  int maxCmsElements() {
    return maxCmsElements;
  }

  /**
   * Returns the largest number of certificates carried in one CMS structure.
   *
   * @return certificates (default 16)
   */
  int maxCmsCertificates() {
    return maxCmsCertificates;
  }

  /**
   * Returns the deepest nesting of a BER/DER structure.
   *
   * @return levels (default 48)
   */
  int maxDerDepth() {
    return maxDerDepth;
  }

  /**
   * Returns how many signature checks against untrusted issuer candidates one validation may make.
   *
   * @return checks (default 4)
   */
  int maxUntrustedCandidates() {
    return maxUntrustedCandidates;
  }

  /**
   * Returns the largest RSA modulus any RSA operation is done with.
   *
   * @return bits (default 4096)
   */
  int maxRsaModulusBits() {
    return maxRsaModulusBits;
  }

  /**
   * Returns the largest RSA public exponent, in bits.
   *
   * @return bits (default 17, i.e. up to 65537 and a little beyond)
   */
  int maxRsaExponentBits() {
    return maxRsaExponentBits;
  }

  /**
   * Why an RSA key is refused before any RSA operation is done with it, or null when it is within these
   * limits (or not an RSA key: EC costs are bounded by the named curve).
   */
  @Nullable String rsaKeyRefusal(PublicKey key) {
    if (!(key instanceof RSAPublicKey rsa)) {
      return null;
    }
    int bits = rsa.getModulus().bitLength();
    if (bits > maxRsaModulusBits) {
      return "RSA key of " + bits + " bits is above the limit of " + maxRsaModulusBits;
    }
    BigInteger e = rsa.getPublicExponent();
    if (e.bitLength() > maxRsaExponentBits || e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
      return "RSA public exponent of " + e.bitLength() + " bits is unusual (odd, 3 to " + maxRsaExponentBits
          + " bits accepted)";
    }
    return null;
  }

  @Override
  public String toString() {
    return "VerificationLimits[cms=" + maxCmsBytes + "B/" + maxCmsElements + " elements/" + maxCmsCertificates
        + " certificates, depth=" + maxDerDepth + ", untrustedCandidates=" + maxUntrustedCandidates + ", rsa<="
        + maxRsaModulusBits + " bits e<=" + maxRsaExponentBits + " bits]";
  }

  /** Builder of {@link VerificationLimits}; starts from the defaults. */
  public static final class Builder {
    private int maxCmsBytes = 8 * 1024 * 1024;
    private int maxCmsElements = 100_000;
    private int maxCmsCertificates = 16;
    private int maxDerDepth = 48;
    private int maxUntrustedCandidates = 4;
    private int maxRsaModulusBits = 4096;
    private int maxRsaExponentBits = 17;

    private Builder() {}

    /**
     * Sets the largest CMS structure.
     *
     * @param bytes positive
     * @return this builder
     */
    public Builder maxCmsBytes(int bytes) {
      this.maxCmsBytes = positive(bytes, "maxCmsBytes");
      return this;
    }

    /**
     * Sets the largest number of ASN.1 elements in a CMS structure.
     *
     * @param elements positive
     * @return this builder
     */
    public Builder maxCmsElements(int elements) {
      this.maxCmsElements = positive(elements, "maxCmsElements");
      return this;
    }

    /**
     * Sets the largest number of certificates carried in one CMS structure.
     *
     * @param certificates positive
     * @return this builder
     */
    public Builder maxCmsCertificates(int certificates) {
      this.maxCmsCertificates = positive(certificates, "maxCmsCertificates");
      return this;
    }

    /**
     * Sets the deepest BER/DER nesting.
     *
     * @param depth positive
     * @return this builder
     */
    public Builder maxDerDepth(int depth) {
      this.maxDerDepth = positive(depth, "maxDerDepth");
      return this;
    }

    /**
     * Sets how many signature checks against untrusted issuer candidates one validation may make.
     *
     * @param checks zero or more; zero means only configured anchors and intermediates issue
     * @return this builder
     */
    public Builder maxUntrustedCandidates(int checks) {
      if (checks < 0) {
        throw new IllegalArgumentException("maxUntrustedCandidates must not be negative");
      }
      this.maxUntrustedCandidates = checks;
      return this;
    }

    /**
     * Sets the largest RSA modulus any RSA operation is done with.
     *
     * @param bits at least 2048
     * @return this builder
     */
    public Builder maxRsaModulusBits(int bits) {
      if (bits < 2048) {
        throw new IllegalArgumentException("maxRsaModulusBits must be at least 2048");
      }
      this.maxRsaModulusBits = bits;
      return this;
    }

    /**
     * Sets the largest RSA public exponent, in bits.
     *
     * @param bits 2 (e = 3) to 64
     * @return this builder
     */
    public Builder maxRsaExponentBits(int bits) {
      if (bits < 2 || bits > 64) {
        throw new IllegalArgumentException("maxRsaExponentBits must be between 2 and 64");
      }
      this.maxRsaExponentBits = bits;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return the limits
     */
    public VerificationLimits build() {
      return new VerificationLimits(this);
    }

    private static int positive(int v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return v;
    }
  }
}
