// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/** Card-side encodings of RSA keys and signatures (docs/card-protocol.md §6.5, §6.7, §7.3). */
final class CardKeys {
  /** DigestInfo prefix for SHA-256 without the OCTET STRING length (docs/card-protocol.md §5.3 table). */
  private static final byte[] SHA256_ALG = {
    0x30, 0x0D, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00
  };

  private CardKeys() {}

  /**
   * {@code 90 <e> 91 82 01 00 <256-byte modulus>}: 265 bytes for RSA-2048 with e = 65537 (docs/card-protocol.md §6.5).
   */
  static byte[] encodePublicKey(RSAPublicKey key) {
    byte[] e = unsigned(key.getPublicExponent(), 0);
    byte[] n = unsigned(key.getModulus(), 256);
    return Tlv.concat(Tlv.of(0x90, e), Tlv.long82(0x91, n));
  }

  /** Big-endian unsigned bytes, left-padded to {@code size} when size > 0. */
  static byte[] unsigned(BigInteger v, int size) {
    byte[] raw = v.toByteArray();
    int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
    int len = raw.length - start;
    if (size == 0) {
      size = len;
    }
    if (len > size) {
      throw new IllegalArgumentException("value needs " + len + " bytes, field has " + size);
    }
    byte[] out = new byte[size];
    System.arraycopy(raw, start, out, size - len, len);
    return out;
  }

  /** RSA PKCS#1 v1.5 with SHA-256 over data. */
  static byte[] sha256WithRsa(byte[] data, PrivateKey key) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA failed", e);
    }
  }

  /** RSA PKCS#1 v1.5 type-1 padding over a given DigestInfo (what the card does, docs/card-protocol.md §5.3). */
  static byte[] signDigestInfo(byte[] digestInfo, PrivateKey key) {
    try {
      Signature s = Signature.getInstance("NONEwithRSA");
      s.initSign(key);
      s.update(digestInfo);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("NONEwithRSA failed", e);
    }
  }

  /**
   * A SHA-256 DigestInfo over an arbitrary-length digest value (docs/card-protocol.md §7.3 step 3: three concatenated
   * digests, OCTET STRING length {@code 0x60}).
   */
  static byte[] sha256DigestInfo(byte[] digest) {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.write(SHA256_ALG, 0, SHA256_ALG.length);
    inner.write(0x04);
    inner.write(digest.length);
    inner.write(digest, 0, digest.length);
    byte[] body = inner.toByteArray();
    if (body.length >= 0x80 || digest.length >= 0x80) {
      throw new IllegalArgumentException("digest too long for a short-form DigestInfo");
    }
    return Tlv.concat(new byte[] {0x30, (byte) body.length}, body);
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
