package dev.jpki.verify.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.jspecify.annotations.Nullable;

/**
 * RSASSA-PKCS1-v1_5 with an explicit DigestInfo, as the card's COMPUTE DIGITAL SIGNATURE produces it
 * (spec §5.3: the host sends the DigestInfo, the card pads).
 */
public final class Pkcs1 {
  /** DigestInfo prefix for SHA-1 (spec §5.3). */
  public static final byte[] SHA1_PREFIX = Hex.decode("3021300906052b0e03021a05000414");
  /** DigestInfo prefix for SHA-256 (spec §5.3). */
  public static final byte[] SHA256_PREFIX = Hex.decode("3031300d060960864801650304020105000420");
  /** DigestInfo prefix for SHA-384 (spec §5.3). */
  public static final byte[] SHA384_PREFIX = Hex.decode("3041300d060960864801650304020205000430");
  /** DigestInfo prefix for SHA-512 (spec §5.3). */
  public static final byte[] SHA512_PREFIX = Hex.decode("3051300d060960864801650304020305000440");

  /** Digest algorithms a DigestInfo can name, with their OIDs, JCA names and prefixes. */
  @SuppressWarnings("ImmutableEnumChecker") // the prefix arrays are private and never handed out
  public enum Digest {
    /** SHA-1. */
    SHA1("1.3.14.3.2.26", "SHA-1", SHA1_PREFIX, 20),
    /** SHA-256. */
    SHA256("2.16.840.1.101.3.4.2.1", "SHA-256", SHA256_PREFIX, 32),
    /** SHA-384. */
    SHA384("2.16.840.1.101.3.4.2.2", "SHA-384", SHA384_PREFIX, 48),
    /** SHA-512. */
    SHA512("2.16.840.1.101.3.4.2.3", "SHA-512", SHA512_PREFIX, 64);

    private final String oid;
    private final String jcaName;
    private final byte[] prefix;
    private final int length;

    Digest(String oid, String jcaName, byte[] prefix, int length) {
      this.oid = oid;
      this.jcaName = jcaName;
      this.prefix = prefix;
      this.length = length;
    }

    /**
     * Returns the OID.
     *
     * @return dotted OID
     */
    public String oid() {
      return oid;
    }

    /**
     * Returns the JCA name.
     *
     * @return e.g. "SHA-256"
     */
    public String jcaName() {
      return jcaName;
    }

    /**
     * Returns the digest length.
     *
     * @return bytes
     */
    public int length() {
      return length;
    }

    /**
     * Builds the DER DigestInfo for a digest value.
     *
     * @param digest the hash value, of {@link #length()} bytes
     * @return prefix followed by the digest
     */
    public byte[] digestInfo(byte[] digest) {
      if (digest.length != length) {
        throw new IllegalArgumentException("digest of " + digest.length + " bytes for " + jcaName);
      }
      return concat(prefix, digest);
    }

    /**
     * Creates a message digest.
     *
     * @return a new MessageDigest
     */
    public MessageDigest newMessageDigest() {
      try {
        return MessageDigest.getInstance(jcaName);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(jcaName + " unavailable", e);
      }
    }

    /**
     * Finds the algorithm of a recovered DigestInfo by its exact prefix and length.
     *
     * @param digestInfo the recovered block
     * @return the algorithm or null when the block is not one of the canonical encodings
     */
    public static @Nullable Digest ofDigestInfo(byte[] digestInfo) {
      for (Digest d : values()) {
        if (digestInfo.length == d.prefix.length + d.length
            && MessageDigest.isEqual(Arrays.copyOf(digestInfo, d.prefix.length), d.prefix)) {
          return d;
        }
      }
      return null;
    }

    /**
     * Finds an algorithm by OID.
     *
     * @param oid dotted OID
     * @return the algorithm or null
     */
    public static @Nullable Digest ofOid(String oid) {
      for (Digest d : values()) {
        if (d.oid.equals(oid)) {
          return d;
        }
      }
      return null;
    }
  }

  private Pkcs1() {}

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Recovers the block a PKCS#1 v1.5 type-1 signature covers (the DigestInfo): the RSA public
   * operation and the padding check, nothing more.
   *
   * @param signature the signature value; must be exactly the modulus length
   * @param key the RSA public key
   * @return the recovered block, or null when the signature or its padding is invalid
   */
  public static byte @Nullable [] recover(byte[] signature, PublicKey key) {
    if (!(key instanceof RSAPublicKey rsa)) {
      return null;
    }
    int k = (rsa.getModulus().bitLength() + 7) / 8;
    if (signature.length != k) {
      return null;
    }
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      c.init(Cipher.DECRYPT_MODE, key); // public key: verify mode, block type 1
      return c.doFinal(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Verifies a PKCS#1 v1.5 signature over a DigestInfo.
   *
   * @param signature the signature
   * @param key the RSA public key
   * @param expectedDigestInfo the DigestInfo that must have been signed
   * @return true if the signature covers exactly that DigestInfo
   */
  public static boolean verifyDigestInfo(byte[] signature, PublicKey key, byte[] expectedDigestInfo) {
    byte[] recovered = recover(signature, key);
    return recovered != null && MessageDigest.isEqual(recovered, expectedDigestInfo);
  }
}
