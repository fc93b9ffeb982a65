package dev.jpki.card;

import dev.jpki.apdu.Hex;
import java.util.Arrays;

/**
 * Hash algorithms the card can sign with, and their DER {@code DigestInfo} prefixes: the card applies
 * PKCS#1 v1.5 padding itself and takes the DigestInfo (spec §5.3).
 */
// The prefix array is private and only handed out as a copy: the enum is effectively immutable.
@SuppressWarnings("ImmutableEnumChecker")
public enum HashAlgorithm {
  /** SHA-1 (legacy verifiers only). */
  SHA1("SHA-1", 20, "3021300906052B0E03021A05000414"),
  /** SHA-224. */
  SHA224("SHA-224", 28, "302D300D06096086480165030402040500041C"),
  /** SHA-256. */
  SHA256("SHA-256", 32, "3031300D060960864801650304020105000420"),
  /** SHA-384. */
  SHA384("SHA-384", 48, "3041300D060960864801650304020205000430"),
  /** SHA-512. */
  SHA512("SHA-512", 64, "3051300D060960864801650304020305000440");

  private final String jcaName;
  private final int digestLength;
  private final byte[] prefix;

  HashAlgorithm(String jcaName, int digestLength, String prefixHex) {
    this.jcaName = jcaName;
    this.digestLength = digestLength;
    this.prefix = Hex.decode(prefixHex);
  }

  /** @return the {@link java.security.MessageDigest} name, e.g. {@code "SHA-256"} */
  public String jcaName() {
    return jcaName;
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
