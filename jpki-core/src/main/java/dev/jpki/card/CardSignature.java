// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card;

import java.security.cert.X509Certificate;

/**
 * A signature made by the card over a document, with what a verifier needs next to it: the hash
 * algorithm, the key that signed and that key's certificate. Made by {@link JpkiApplet#sign(Pin, byte[],
 * VerifyOption...)}.
 *
 * <p>The signature is RSASSA-PKCS1-v1_5 over the document's hash, so any standard verifier accepts it,
 * e.g. {@code java.security.Signature.getInstance(sig.jcaSignatureAlgorithm())} initialised with
 * {@code sig.certificate()}. {@link #toString()} names the algorithm and key only: the signature
 * certificate carries the holder's name, address and birth date.
 */
public final class CardSignature {
  private final byte[] signature;
  private final HashAlgorithm algorithm;
  private final KeyType keyType;
  private final X509Certificate certificate;

  CardSignature(byte[] signature, HashAlgorithm algorithm, KeyType keyType, X509Certificate certificate) {
    this.signature = signature.clone();
    this.algorithm = algorithm;
    this.keyType = keyType;
    this.certificate = certificate;
  }

  /** @return a copy of the signature value (256 bytes for the card's RSA-2048 keys) */
  public byte[] signature() {
    return signature.clone();
  }

  /** @return the algorithm the document was hashed with */
  public HashAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The JCA name of the signature algorithm, for {@link java.security.Signature#getInstance(String)}.
   *
   * @return e.g. {@code "SHA256withRSA"}
   */
  public String jcaSignatureAlgorithm() {
    return algorithm.jcaName().replace("-", "") + "withRSA";
  }

  /** @return the key that signed: the signature key for the signature password, else the authentication key */
  public KeyType keyType() {
    return keyType;
  }

  /** @return the certificate of the key that signed (the card's copy; validate it before trusting it) */
  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public String toString() {
    return "CardSignature[" + jcaSignatureAlgorithm() + ", " + keyType.label() + " key, " + signature.length
        + " bytes]";
  }
}
