// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed RSA-2048 test keys shipped as PKCS#8 PEM resources under {@code
 * dev/jpki/testkit/pki/keys/}. They were generated once and committed so that the test PKI, and every
 * certificate, CRL and card file derived from it, is byte-identical on every machine.
 *
 * <p>Security: these private keys are public. Nothing signed by them may be trusted outside tests.
 */
public final class TestKeys {
  private static final String DIR = "/dev/jpki/testkit/pki/keys/";
  private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

  private TestKeys() {}

  /**
   * Loads a shipped key pair by resource name (without {@code .pem}), e.g. {@code "sign-root"} or
   * {@code "default-auth"}. Thread-safe; cached per JVM.
   *
   * @param name the key name
   * @return the key pair (RSA, private key is an {@link RSAPrivateCrtKey})
   * @throws IllegalArgumentException if no such key is shipped
   */
  public static KeyPair get(String name) {
    return CACHE.computeIfAbsent(name, TestKeys::load);
  }

  private static KeyPair load(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("invalid test key name: " + name);
    }
    try (InputStream in = TestKeys.class.getResourceAsStream(DIR + name + ".pem")) {
      if (in == null) {
        throw new IllegalArgumentException("no shipped test key named " + name);
      }
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      String b64 =
          pem.replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      KeyFactory kf = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey priv =
          (RSAPrivateCrtKey)
              kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
      BigInteger e = priv.getPublicExponent();
      return new KeyPair(kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), e)), priv);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read test key " + name, ex);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
      throw new IllegalStateException("corrupt test key resource " + name, ex);
    }
  }
}
