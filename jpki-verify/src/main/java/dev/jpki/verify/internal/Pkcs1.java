// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.card.HashAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.Cipher;
import org.jspecify.annotations.Nullable;

/**
 * RSASSA-PKCS1-v1_5 with an explicit DigestInfo, as the card's COMPUTE DIGITAL SIGNATURE produces it
 * (docs/card-protocol.md §5.3: the host sends the DigestInfo, the card pads).
 */
public final class Pkcs1 {
  /** The RSA operation behind a PKCS#1 v1.5 signature check: public-key decryption with type-1 padding. */
  private static final String RSA_PKCS1 = "RSA/ECB/PKCS1Padding";

  /**
   * The digest algorithms a verifier accepts in a DigestInfo or a CMS digestAlgorithm: SHA-224 is left
   * out because no JPKI profile uses it.
   */
  private static final Set<HashAlgorithm> ACCEPTED =
      EnumSet.of(HashAlgorithm.SHA1, HashAlgorithm.SHA256, HashAlgorithm.SHA384, HashAlgorithm.SHA512);

  /**
   * Creates a message digest.
   *
   * @param algorithm the algorithm
   * @return a new MessageDigest
   */
  public static MessageDigest newMessageDigest(HashAlgorithm algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.jcaName());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.jcaName() + " unavailable", e);
    }
  }

  /**
   * Finds the algorithm of a recovered DigestInfo by its exact prefix and length.
   *
   * @param digestInfo the recovered block
   * @return the algorithm or null when the block is not one of the canonical encodings
   */
  public static @Nullable HashAlgorithm ofDigestInfo(byte[] digestInfo) {
    for (HashAlgorithm d : ACCEPTED) {
      byte[] prefix = d.digestInfoPrefix();
      if (digestInfo.length == prefix.length + d.digestLength()
          && MessageDigest.isEqual(Arrays.copyOf(digestInfo, prefix.length), prefix)) {
        return d;
      }
    }
    return null;
  }

  /**
   * Finds an accepted algorithm by OID.
   *
   * @param oid dotted OID
   * @return the algorithm or null
   */
  public static @Nullable HashAlgorithm ofOid(String oid) {
    for (HashAlgorithm d : ACCEPTED) {
      if (d.oid().equals(oid)) {
        return d;
      }
    }
    return null;
  }

  private Pkcs1() {}

  /**
   * Recovers the block a PKCS#1 v1.5 type-1 signature covers (the DigestInfo): the RSA public
   * operation and the padding check, nothing more.
   *
   * @param signature the signature value; must be exactly the modulus length
   * @param key the RSA public key
   * @return the recovered block, or null when the signature or its padding is invalid
   */
  public static byte @Nullable [] recover(byte[] signature, PublicKey key) {
    return recover(signature, key, null);
  }

  /**
   * As {@link #recover(byte[], PublicKey)} with the RSA operation done by a chosen JCA provider.
   *
   * @param signature the signature value; must be exactly the modulus length
   * @param key the RSA public key
   * @param provider the provider of {@code RSA/ECB/PKCS1Padding}, or null for the platform's choice
   * @return the recovered block, or null when the signature or its padding is invalid
   */
  public static byte @Nullable [] recover(byte[] signature, PublicKey key, @Nullable Provider provider) {
    if (!(key instanceof RSAPublicKey rsa)) {
      return null;
    }
    int k = (rsa.getModulus().bitLength() + 7) / 8;
    if (signature.length != k) {
      return null;
    }
    try {
      Cipher c = provider == null ? Cipher.getInstance(RSA_PKCS1) : Cipher.getInstance(RSA_PKCS1, provider);
      c.init(Cipher.DECRYPT_MODE, key); // public key: verify mode, block type 1
      return c.doFinal(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Checks that a provider can do the RSA operation of {@link #recover(byte[], PublicKey, Provider)}, so
   * a misconfigured provider fails when the verifier is built, not as a wrong "does not verify" later.
   *
   * @param provider the provider
   * @throws IllegalArgumentException if it has no {@code RSA/ECB/PKCS1Padding} cipher
   */
  public static void requireRsaCipher(Provider provider) {
    try {
      Cipher.getInstance(RSA_PKCS1, provider);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("provider " + provider.getName() + " has no " + RSA_PKCS1 + " cipher ("
          + e.getClass().getSimpleName() + ")", e);
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
    return verifyDigestInfo(signature, key, expectedDigestInfo, null);
  }

  /**
   * As {@link #verifyDigestInfo(byte[], PublicKey, byte[])} with the RSA operation done by a chosen provider.
   *
   * @param signature the signature
   * @param key the RSA public key
   * @param expectedDigestInfo the DigestInfo that must have been signed
   * @param provider the provider of {@code RSA/ECB/PKCS1Padding}, or null for the platform's choice
   * @return true if the signature covers exactly that DigestInfo
   */
  public static boolean verifyDigestInfo(byte[] signature, PublicKey key, byte[] expectedDigestInfo,
      @Nullable Provider provider) {
    byte[] recovered = recover(signature, key, provider);
    return recovered != null && MessageDigest.isEqual(recovered, expectedDigestInfo);
  }
}
