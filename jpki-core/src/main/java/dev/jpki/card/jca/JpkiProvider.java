// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import java.security.Provider;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A JCA provider named {@value #NAME} that signs with the My Number Card's JPKI keys.
 *
 * <ul>
 *   <li>{@code KeyStore} type {@value #KEY_STORE_TYPE}: aliases {@value #ALIAS_AUTH} (user
 *       authentication) and {@value #ALIAS_SIGN} (signature), loaded with a {@link JpkiLoadParameter}.
 *   <li>{@code Signature}: {@code SHA1withRSA}, {@code SHA224withRSA}, {@code SHA256withRSA}, {@code
 *       SHA384withRSA}, {@code SHA512withRSA} (the provider hashes, the card pads and signs) and {@code
 *       NONEwithRSA} (the input is a prepared DER DigestInfo, at most 245 bytes).
 * </ul>
 *
 * <pre>{@code
 * JpkiProvider provider = new JpkiProvider();
 * KeyStore ks = KeyStore.getInstance("JPKI", provider);
 * ks.load(JpkiLoadParameter.of(card));
 * PrivateKey key = (PrivateKey) ks.getKey("auth", pin);         // verifies the PIN now
 * Signature s = Signature.getInstance("SHA256withRSA", provider);
 * s.initSign(key);
 * s.update(data);
 * byte[] sig = s.sign();
 * }</pre>
 *
 * <p>The provider verifies nothing: verify signatures with the platform's providers. Keys from this
 * provider are bound to one {@link dev.jpki.card.MyNumberCard} session and, like it, confined to one
 * thread at a time. Registering it with {@code Security.addProvider} is optional; when registered,
 * {@code Signature.getInstance("SHA256withRSA")} without a provider name also picks it for its keys.
 */
public final class JpkiProvider extends Provider {
  private static final long serialVersionUID = 1L;

  /** The provider name. */
  public static final String NAME = "JPKI";
  /** The key store type. */
  public static final String KEY_STORE_TYPE = "JPKI";
  /** Alias of the user-authentication key and certificate (利用者証明用). */
  public static final String ALIAS_AUTH = "auth";
  /** Alias of the signature key and certificate (署名用). */
  public static final String ALIAS_SIGN = "sign";

  /** Creates the provider. */
  @SuppressWarnings("deprecation") // Provider(String, String, String) is Java 9+, absent on Android
  public JpkiProvider() {
    super(NAME, 0.1, "JPKI provider: My Number Card keys through KeyStore and Signature");
    putService(new JpkiService(this, "KeyStore", KEY_STORE_TYPE, JpkiKeyStoreSpi.class.getName(),
        Collections.<String>emptyList(), null));
    signature("SHA1withRSA", "1.2.840.113549.1.1.5", dev.jpki.card.HashAlgorithm.SHA1);
    signature("SHA224withRSA", "1.2.840.113549.1.1.14", dev.jpki.card.HashAlgorithm.SHA224);
    signature("SHA256withRSA", "1.2.840.113549.1.1.11", dev.jpki.card.HashAlgorithm.SHA256);
    signature("SHA384withRSA", "1.2.840.113549.1.1.12", dev.jpki.card.HashAlgorithm.SHA384);
    signature("SHA512withRSA", "1.2.840.113549.1.1.13", dev.jpki.card.HashAlgorithm.SHA512);
    putService(new JpkiService(this, "Signature", "NONEwithRSA", JpkiSignatureSpi.class.getName(),
        Collections.<String>emptyList(), null));
  }

  private void signature(String name, String oid, dev.jpki.card.HashAlgorithm hash) {
    putService(new JpkiService(this, "Signature", name, JpkiSignatureSpi.class.getName(),
        Arrays.asList(oid, "OID." + oid), hash));
  }

  /**
   * Creates SPI instances directly instead of by reflection, so the SPI classes stay package-private,
   * and accepts only this provider's keys for signing (JCA delayed provider selection asks {@link
   * #supportsParameter}).
   */
  private static final class JpkiService extends Provider.Service {
    private final dev.jpki.card.@Nullable HashAlgorithm hash;

    JpkiService(Provider provider, String type, String algorithm, String className, List<String> aliases,
        dev.jpki.card.@Nullable HashAlgorithm hash) {
      super(provider, type, algorithm, className, aliases, Collections.<String, String>emptyMap());
      this.hash = hash;
    }

    @Override
    public Object newInstance(@Nullable Object constructorParameter) {
      if ("KeyStore".equals(getType())) {
        return new JpkiKeyStoreSpi();
      }
      return new JpkiSignatureSpi(hash);
    }

    @Override
    public boolean supportsParameter(Object parameter) {
      return "Signature".equals(getType()) && parameter instanceof JpkiPrivateKey;
    }
  }
}
