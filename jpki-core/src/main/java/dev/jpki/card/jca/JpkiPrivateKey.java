// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import dev.jpki.JpkiException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.card.JpkiApplet;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.VerifyOption;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SignatureException;
import org.jspecify.annotations.Nullable;

/**
 * A handle to one of the card's JPKI private keys, from the {@value JpkiProvider#KEY_STORE_TYPE} key
 * store. It holds no key material and no credential: signing runs on the card, in the key store's
 * session, and asks the key's {@link KeyStore.ProtectionParameter} for the credential only when the
 * session has not verified it.
 *
 * <p>Not serializable; confined to the session's thread. Package-private: callers hold it as a {@link
 * PrivateKey} (the key store's alias already says which key it is), so the type is not API.
 */
final class JpkiPrivateKey implements PrivateKey {
  private static final long serialVersionUID = 1L;

  private final transient MyNumberCard card;
  private final KeyType keyType;
  private final transient KeyStore.@Nullable ProtectionParameter protection;
  private final boolean allowLastTry;

  JpkiPrivateKey(MyNumberCard card, KeyType keyType, KeyStore.@Nullable ProtectionParameter protection,
      boolean allowLastTry) {
    this.card = card;
    this.keyType = keyType;
    this.protection = protection;
    this.allowLastTry = allowLastTry;
  }

  /** @return which card key this is */
  public KeyType keyType() {
    return keyType;
  }

  /** @return {@code "RSA"} */
  @Override
  public String getAlgorithm() {
    return "RSA";
  }

  /** @return null: the key cannot leave the card */
  @Override
  public @Nullable String getFormat() {
    return null;
  }

  /** @return null: the key cannot leave the card */
  @Override
  public byte @Nullable [] getEncoded() {
    return null;
  }

  /**
   * Signs a DigestInfo on the card. If this session has not verified the credential, verifies it from
   * the stored protection and signs under one exclusive hold ({@link JpkiApplet#verifyAndSign}); a key
   * from {@code getKey(alias, pin)} was verified then, and if the card was reset since, the card refuses
   * the signature and the message says that the reset lost the verified state: the PIN is never sent again
   * without the caller.
   */
  byte[] sign(byte[] digestInfo) throws JpkiException, SignatureException {
    JpkiApplet jpki = card.jpki();
    boolean verified = jpki.isVerified(keyType.pinType());
    if (verified || protection == null) {
      // Without a protection the card decides: if the credential is not verified it answers 6982, and the
      // session says why (never verified, or lost to a card reset since getKey(alias, pin)); no PIN is sent.
      try {
        return jpki.signDigestInfo(keyType, digestInfo);
      } catch (SecurityStatusException e) {
        if (verified) {
          throw e;
        }
        throw new SignatureException(e.getMessage() + " (this key has no protection to verify it with: use "
            + "KeyStore.getKey(alias, pin) or a JpkiLoadParameter with a ProtectionParameter)", e);
      }
    }
    Pin pin;
    try {
      pin = Credentials.obtain(keyType.pinType(), protection);
    } catch (java.security.UnrecoverableKeyException e) {
      throw new SignatureException(e.getMessage(), e);
    }
    try {
      return jpki.verifyAndSign(keyType, pin, digestInfo, options(allowLastTry));
    } finally {
      pin.close();
    }
  }

  static VerifyOption[] options(boolean allowLastTry) {
    return allowLastTry ? new VerifyOption[] {VerifyOption.ALLOW_LAST_TRY} : new VerifyOption[0];
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    throw new NotSerializableException("a JPKI card key cannot be serialized");
  }

  /** @return e.g. {@code JpkiPrivateKey[AUTHENTICATION]} */
  @Override
  public String toString() {
    return "JpkiPrivateKey[" + keyType + "]";
  }
}
