// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import dev.jpki.JpkiException;
import dev.jpki.apdu.SecurityStatusException;
import dev.jpki.card.JpkiApplet;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.PinException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.UnrecoverableEntryException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The read-only {@value JpkiProvider#KEY_STORE_TYPE} key store: aliases {@value JpkiProvider#ALIAS_AUTH}
 * and {@value JpkiProvider#ALIAS_SIGN}, each a private-key entry whose key stays on the card.
 *
 * <p>{@code load(JpkiLoadParameter)} reads the user-authentication certificate (on a smartphone token
 * that needs the authentication PIN, taken from the load parameter's protection). The signature
 * certificate is protected by the signature password (docs/card-protocol.md §5.1), so {@code getCertificate("sign")}
 * returns it only once the password was given: through {@code getKey("sign", password)}, {@code
 * getEntry("sign", protection)}, or a signing.
 */
final class JpkiKeyStoreSpi extends KeyStoreSpi {
  private @Nullable JpkiLoadParameter param;
  private final Map<KeyType, X509Certificate> certificates = new EnumMap<>(KeyType.class);
  private final Map<KeyType, X509Certificate> caCertificates = new EnumMap<>(KeyType.class);

  private JpkiLoadParameter loaded() {
    JpkiLoadParameter p = param;
    if (p == null) {
      throw new IllegalStateException("the JPKI key store is not loaded");
    }
    return p;
  }

  private static @Nullable KeyType keyType(String alias) {
    if (JpkiProvider.ALIAS_AUTH.equals(alias)) {
      return KeyType.AUTHENTICATION;
    }
    if (JpkiProvider.ALIAS_SIGN.equals(alias)) {
      return KeyType.SIGNATURE;
    }
    return null;
  }

  @Override
  public void engineLoad(@Nullable InputStream stream, char @Nullable [] password) throws IOException {
    throw new IOException("the JPKI key store lives on the card: load it with a JpkiLoadParameter");
  }

  @Override
  public void engineLoad(KeyStore.@Nullable LoadStoreParameter parameter) throws IOException {
    if (!(parameter instanceof JpkiLoadParameter p)) {
      throw new IllegalArgumentException("the JPKI key store is loaded with a JpkiLoadParameter");
    }
    certificates.clear();
    caCertificates.clear();
    JpkiApplet jpki = p.card().jpki();
    try {
      X509Certificate auth;
      try {
        auth = jpki.authCertificate();
      } catch (SecurityStatusException e) {
        // Smartphone tokens want the authentication PIN before the certificate (docs/card-protocol.md §5.2).
        KeyStore.ProtectionParameter prot = p.protection(KeyType.AUTHENTICATION);
        if (prot == null) {
          throw e;
        }
        try (Pin pin = Credentials.obtain(KeyType.AUTHENTICATION.pinType(), prot)) {
          auth = jpki.authCertificate(pin, JpkiPrivateKey.options(p.allowLastTry()));
        }
      }
      certificates.put(KeyType.AUTHENTICATION, auth);
      if (p.caCertificates()) {
        caCertificates.put(KeyType.AUTHENTICATION, jpki.caCertificate(KeyType.AUTHENTICATION));
      }
    } catch (PinException e) {
      throw ioException("wrong credential: " + e.getMessage(), wrongPassword(e));
    } catch (UnrecoverableKeyException e) {
      throw ioException(String.valueOf(e.getMessage()), e);
    } catch (JpkiException e) {
      throw ioException("could not read the card: " + e.getMessage(), e);
    }
    param = p;
  }

  private static IOException ioException(String message, Throwable cause) {
    return new IOException(message, cause);
  }

  /** Per {@code KeyStore.load}: a wrong password is an IOException caused by an UnrecoverableKeyException. */
  private static UnrecoverableKeyException wrongPassword(PinException e) {
    UnrecoverableKeyException u = new UnrecoverableKeyException(e.getMessage());
    u.initCause(e);
    return u;
  }

  @Override
  public @Nullable Key engineGetKey(String alias, char @Nullable [] password) throws UnrecoverableKeyException {
    KeyType type = keyType(alias);
    if (type == null) {
      return null;
    }
    JpkiLoadParameter p = loaded();
    if (password == null || password.length == 0) {
      // Unlock later: at first signing, from the load parameter's protection.
      return new JpkiPrivateKey(p.card(), type, p.protection(type), p.allowLastTry());
    }
    try (Pin pin = Credentials.of(type.pinType(), password)) {
      unlock(p, type, pin);
    }
    return new JpkiPrivateKey(p.card(), type, p.protection(type), p.allowLastTry());
  }

  /** Verifies the key's credential now and, for the signature key, reads its certificate. */
  private void unlock(JpkiLoadParameter p, KeyType type, Pin pin) throws UnrecoverableKeyException {
    JpkiApplet jpki = p.card().jpki();
    try {
      jpki.verify(pin, JpkiPrivateKey.options(p.allowLastTry()));
      if (!certificates.containsKey(type)) {
        certificates.put(type, jpki.certificate(type));
      }
      if (p.caCertificates() && !caCertificates.containsKey(type)) {
        caCertificates.put(type, jpki.caCertificate(type));
      }
    } catch (JpkiException e) {
      UnrecoverableKeyException u = new UnrecoverableKeyException(e.getMessage());
      u.initCause(e);
      throw u;
    }
  }

  @Override
  public KeyStore.@Nullable Entry engineGetEntry(String alias, KeyStore.@Nullable ProtectionParameter protection)
      throws KeyStoreException, UnrecoverableEntryException {
    KeyType type = keyType(alias);
    if (type == null) {
      return null;
    }
    JpkiLoadParameter p = loaded();
    KeyStore.ProtectionParameter prot = protection != null ? protection : p.protection(type);
    if (prot != null && !certificates.containsKey(type)) {
      // A private-key entry needs its certificate; the signature certificate needs the password.
      try (Pin pin = Credentials.obtain(type.pinType(), prot)) {
        unlock(p, type, pin);
      }
    }
    Certificate[] chain = engineGetCertificateChain(alias);
    if (chain == null) {
      throw new UnrecoverableEntryException("the " + type.label() + " certificate needs the "
          + type.pinType().label() + ": pass a ProtectionParameter");
    }
    return new KeyStore.PrivateKeyEntry(new JpkiPrivateKey(p.card(), type, prot, p.allowLastTry()), chain);
  }

  @Override
  public Certificate @Nullable [] engineGetCertificateChain(String alias) {
    KeyType type = keyType(alias);
    X509Certificate leaf = type == null ? null : certificates.get(type);
    if (type == null || leaf == null) {
      return null;
    }
    X509Certificate ca = caCertificates.get(type);
    return ca == null ? new Certificate[] {leaf} : new Certificate[] {leaf, ca};
  }

  @Override
  public @Nullable Certificate engineGetCertificate(String alias) {
    KeyType type = keyType(alias);
    return type == null ? null : certificates.get(type);
  }

  @Override
  public @Nullable Date engineGetCreationDate(String alias) {
    Certificate c = engineGetCertificate(alias);
    return c instanceof X509Certificate x ? x.getNotBefore() : null;
  }

  @Override
  public Enumeration<String> engineAliases() {
    loaded();
    return Collections.enumeration(Arrays.asList(JpkiProvider.ALIAS_AUTH, JpkiProvider.ALIAS_SIGN));
  }

  @Override
  public boolean engineContainsAlias(String alias) {
    return keyType(alias) != null;
  }

  @Override
  public int engineSize() {
    return 2;
  }

  @Override
  public boolean engineIsKeyEntry(String alias) {
    return keyType(alias) != null;
  }

  @Override
  public boolean engineIsCertificateEntry(String alias) {
    return false;
  }

  @Override
  public @Nullable String engineGetCertificateAlias(Certificate cert) {
    List<Map.Entry<KeyType, X509Certificate>> entries = new ArrayList<>(certificates.entrySet());
    for (Map.Entry<KeyType, X509Certificate> e : entries) {
      if (e.getValue().equals(cert)) {
        return e.getKey() == KeyType.AUTHENTICATION ? JpkiProvider.ALIAS_AUTH : JpkiProvider.ALIAS_SIGN;
      }
    }
    return null;
  }

  @Override
  public void engineSetKeyEntry(String alias, Key key, char @Nullable [] password, Certificate @Nullable [] chain)
      throws KeyStoreException {
    throw readOnly();
  }

  @Override
  public void engineSetKeyEntry(String alias, byte[] key, Certificate @Nullable [] chain) throws KeyStoreException {
    throw readOnly();
  }

  @Override
  public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
    throw readOnly();
  }

  @Override
  public void engineDeleteEntry(String alias) throws KeyStoreException {
    throw readOnly();
  }

  @Override
  public void engineStore(@Nullable OutputStream stream, char @Nullable [] password) throws IOException {
    throw new IOException("the JPKI key store lives on the card and cannot be stored");
  }

  private static KeyStoreException readOnly() {
    return new KeyStoreException("the JPKI key store is read-only: its keys live on the card");
  }

  /** @return the session the store was loaded with (for tests and tools in this package) */
  MyNumberCard card() {
    return loaded().card();
  }
}
