// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import dev.jpki.internal.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Hash algorithms the card can sign with, and their DER {@code DigestInfo} prefixes: the card applies
 * PKCS#1 v1.5 padding itself and takes the DigestInfo (docs/card-protocol.md §5.3).
 */
// The prefix array is private and only handed out as a copy: the enum is effectively immutable.
@SuppressWarnings("ImmutableEnumChecker")
public enum HashAlgorithm {
  /** SHA-1 (legacy verifiers only). */
  SHA1("SHA-1", "1.3.14.3.2.26", 20, "3021300906052B0E03021A05000414"),
  /** SHA-224. */
  SHA224("SHA-224", "2.16.840.1.101.3.4.2.4", 28, "302D300D06096086480165030402040500041C"),
  /** SHA-256. */
  SHA256("SHA-256", "2.16.840.1.101.3.4.2.1", 32, "3031300D060960864801650304020105000420"),
  /** SHA-384. */
  SHA384("SHA-384", "2.16.840.1.101.3.4.2.2", 48, "3041300D060960864801650304020205000430"),
  /** SHA-512. */
  SHA512("SHA-512", "2.16.840.1.101.3.4.2.3", 64, "3051300D060960864801650304020305000440");

  private final String jcaName;
  private final String oid;
  private final int digestLength;
  private final byte[] prefix;

  HashAlgorithm(String jcaName, String oid, int digestLength, String prefixHex) {
    this.jcaName = jcaName;
    this.oid = oid;
    this.digestLength = digestLength;
    this.prefix = Hex.decode(prefixHex);
  }

  /** @return the {@link java.security.MessageDigest} name, e.g. {@code "SHA-256"} */
  public String jcaName() {
    return jcaName;
  }

  /** @return the algorithm's dotted object identifier, e.g. {@code "2.16.840.1.101.3.4.2.1"} */
  public String oid() {
    return oid;
  }

  /**
   * Hashes bytes with this algorithm.
   *
   * @param data the bytes to hash
   * @return the digest, {@link #digestLength()} bytes
   * @throws IllegalStateException if the platform has no implementation of this algorithm (every Java
   *     and Android platform has SHA-1 and the SHA-2 family, so this signals a broken runtime)
   */
  public byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is not available on this platform", e);
    }
  }

  /** @return the digest length in bytes */
  public int digestLength() {
    return digestLength;
  }

  /** @return a copy of the DER DigestInfo prefix that precedes the digest */
  public byte[] digestInfoPrefix() {
    return prefix.clone();
  }

  /**
   * Wraps a digest in a DigestInfo.
   *
   * @param digest the hash value
   * @return prefix followed by the digest
   * @throws IllegalArgumentException if the digest does not have this algorithm's length
   */
  public byte[] digestInfo(byte[] digest) {
    if (digest.length != digestLength) {
      throw new IllegalArgumentException(jcaName + " digest must be " + digestLength + " bytes");
    }
    byte[] out = Arrays.copyOf(prefix, prefix.length + digest.length);
    System.arraycopy(digest, 0, out, prefix.length, digest.length);
    return out;
  }
}
