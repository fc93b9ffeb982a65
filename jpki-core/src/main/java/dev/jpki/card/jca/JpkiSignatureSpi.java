// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import dev.jpki.JpkiException;
import dev.jpki.card.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * {@code SHAxxxwithRSA} and {@code NONEwithRSA} over a {@link JpkiPrivateKey}: the data is hashed here,
 * wrapped in a DigestInfo, and the card pads and signs it (docs/card-protocol.md §5.3). Signing only.
 */
final class JpkiSignatureSpi extends SignatureSpi {
  /** Largest DigestInfo the card signs with an RSA-2048 key (k − 11, docs/card-protocol.md §5.3). */
  private static final int MAX_INPUT = 245;

  private final @Nullable HashAlgorithm hash;
  private final @Nullable MessageDigest digest;
  private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
  private @Nullable JpkiPrivateKey key;

  JpkiSignatureSpi(@Nullable HashAlgorithm hash) {
    this.hash = hash;
    try {
      this.digest = hash == null ? null : MessageDigest.getInstance(hash.jcaName());
    } catch (NoSuchAlgorithmException e) {
      throw new ProviderException(hash.jcaName() + " is missing from this Java runtime", e);
    }
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
    if (!(privateKey instanceof JpkiPrivateKey k)) {
      throw new InvalidKeyException("the JPKI provider signs with JPKI card keys only (from its key store)");
    }
    key = k;
    reset();
  }

  @Override
  protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
    throw new InvalidKeyException("the JPKI provider only signs; verify with the platform's RSA provider");
  }

  private void reset() {
    if (digest != null) {
      digest.reset();
    }
    raw.reset();
  }

  @Override
  protected void engineUpdate(byte b) throws SignatureException {
    engineUpdate(new byte[] {b}, 0, 1);
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
    requireKey();
    if (digest != null) {
      digest.update(b, off, len);
    } else {
      if (raw.size() + len > MAX_INPUT) {
        throw new SignatureException("NONEwithRSA input must be a DigestInfo of at most " + MAX_INPUT + " bytes");
      }
      raw.write(b, off, len);
    }
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    JpkiPrivateKey k = requireKey();
    byte[] digestInfo;
    if (hash != null && digest != null) {
      digestInfo = hash.digestInfo(digest.digest());
    } else {
      digestInfo = raw.toByteArray();
      if (digestInfo.length == 0) {
        throw new SignatureException("NONEwithRSA needs a DigestInfo to sign");
      }
    }
    reset();
    try {
      return k.sign(digestInfo);
    } catch (JpkiException e) {
      // The message names the SW and credential type, never data or values.
      throw new SignatureException(e.getMessage(), e);
    } finally {
      Arrays.fill(digestInfo, (byte) 0);
    }
  }

  private JpkiPrivateKey requireKey() throws SignatureException {
    JpkiPrivateKey k = key;
    if (k == null) {
      throw new SignatureException("not initialised for signing");
    }
    return k;
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
    throw new SignatureException("the JPKI provider only signs");
  }

  @Override
  @Deprecated
  protected void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException("no parameters");
  }

  @Override
  @Deprecated
  protected @Nullable Object engineGetParameter(String param) {
    throw new InvalidParameterException("no parameters");
  }
}
