// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import dev.jpki.apdu.CardTransport;
import dev.jpki.card.KeyType;
import dev.jpki.card.MyNumberCard;
import java.security.KeyStore;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code KeyStore.getInstance("JPKI").load(...)} needs: the card session, and optionally how to
 * obtain the credentials when a key is used.
 *
 * <p>Credentials: a {@link KeyStore.PasswordProtection} carries the PIN or password itself; a {@link
 * KeyStore.CallbackHandlerProtection} is asked with one {@link javax.security.auth.callback.PasswordCallback}
 * when the credential is needed (at first signing, or when a key's PIN was cleared, e.g. by reading
 * another application in between, docs/card-protocol.md §5.3). A per-key protection wins over the default one.
 *
 * <pre>{@code
 * ks.load(JpkiLoadParameter.builder(card)
 *     .protection(new KeyStore.CallbackHandlerProtection(handler))   // prompt at first signing
 *     .build());
 * }</pre>
 */
public final class JpkiLoadParameter implements KeyStore.LoadStoreParameter {
  private final MyNumberCard card;
  private final KeyStore.@Nullable ProtectionParameter protection;
  private final Map<KeyType, KeyStore.ProtectionParameter> perKey;
  private final boolean caCertificates;
  private final boolean allowLastTry;

  private JpkiLoadParameter(Builder b) {
    this.card = b.card;
    this.protection = b.protection;
    this.perKey = new EnumMap<>(b.perKey);
    this.caCertificates = b.caCertificates;
    this.allowLastTry = b.allowLastTry;
  }

  /**
   * A parameter with no stored credential: keys must be unlocked with {@code getKey(alias, pin)} or
   * {@code getEntry(alias, protection)}.
   *
   * @param card an open session; the key store uses it, the caller closes it
   * @return the parameter
   */
  public static JpkiLoadParameter of(MyNumberCard card) {
    return builder(card).build();
  }

  /**
   * A parameter whose protection is used for every key when its credential is needed.
   *
   * @param card an open session; the caller closes it
   * @param protection a {@link KeyStore.CallbackHandlerProtection} (typical) or {@link
   *     KeyStore.PasswordProtection}
   * @return the parameter
   */
  public static JpkiLoadParameter of(MyNumberCard card, KeyStore.ProtectionParameter protection) {
    return builder(card).protection(protection).build();
  }

  /**
   * Starts a builder over an open session.
   *
   * @param card an open session; the caller closes it
   * @return the builder
   */
  public static Builder builder(MyNumberCard card) {
    return new Builder(card);
  }

  /**
   * Starts a builder over a transport: a session is opened on it (sending nothing yet). Close the
   * transport, or {@link #card()}, when done.
   *
   * @param transport a connected transport
   * @return the builder
   */
  public static Builder builder(CardTransport transport) {
    return new Builder(MyNumberCard.open(transport));
  }

  /** @return the card session the key store uses */
  public MyNumberCard card() {
    return card;
  }

  /** @return the default protection, or null if none was given */
  @Override
  public KeyStore.@Nullable ProtectionParameter getProtectionParameter() {
    return protection;
  }

  /**
   * The protection for one key: its own if given, else the default.
   *
   * @param key the key
   * @return the protection, or null
   */
  KeyStore.@Nullable ProtectionParameter protection(KeyType key) {
    KeyStore.ProtectionParameter p = perKey.get(key);
    return p != null ? p : protection;
  }

  /** @return whether certificate chains include the CA certificate read from the card */
  public boolean caCertificates() {
    return caCertificates;
  }

  /** @return whether the last try of a credential may be spent */
  public boolean allowLastTry() {
    return allowLastTry;
  }

  /** Builder for {@link JpkiLoadParameter}. */
  public static final class Builder {
    private final MyNumberCard card;
    private KeyStore.@Nullable ProtectionParameter protection;
    private final Map<KeyType, KeyStore.ProtectionParameter> perKey = new EnumMap<>(KeyType.class);
    private boolean caCertificates;
    private boolean allowLastTry;

    private Builder(MyNumberCard card) {
      this.card = card;
    }

    /**
     * The protection used for any key without its own.
     *
     * @param protection {@link KeyStore.PasswordProtection} or {@link KeyStore.CallbackHandlerProtection}
     * @return this builder
     * @throws IllegalArgumentException for another kind of protection
     */
    public Builder protection(KeyStore.ProtectionParameter protection) {
      this.protection = check(protection);
      return this;
    }

    /**
     * The protection of one key (the authentication PIN or the signature password).
     *
     * @param key which key
     * @param protection {@link KeyStore.PasswordProtection} or {@link KeyStore.CallbackHandlerProtection}
     * @return this builder
     * @throws IllegalArgumentException for another kind of protection
     */
    public Builder protection(KeyType key, KeyStore.ProtectionParameter protection) {
      perKey.put(key, check(protection));
      return this;
    }

    /**
     * Whether certificate chains also hold the CA certificate read from the card (costs the APDUs to
     * read it; default false). Never trust it for verification: use pinned roots.
     *
     * @param include true to include it
     * @return this builder
     */
    public Builder caCertificates(boolean include) {
      this.caCertificates = include;
      return this;
    }

    /**
     * Whether a credential's last try may be spent (default false: {@link
     * dev.jpki.card.LastTryRefusedException} instead, see {@link dev.jpki.card.VerifyOption}).
     *
     * @param allow true to allow it
     * @return this builder
     */
    public Builder allowLastTry(boolean allow) {
      this.allowLastTry = allow;
      return this;
    }

    /** @return the parameter */
    public JpkiLoadParameter build() {
      return new JpkiLoadParameter(this);
    }

    private static KeyStore.ProtectionParameter check(KeyStore.ProtectionParameter p) {
      if (!(p instanceof KeyStore.PasswordProtection) && !(p instanceof KeyStore.CallbackHandlerProtection)) {
        throw new IllegalArgumentException("protection must be a PasswordProtection or a CallbackHandlerProtection");
      }
      return p;
    }
  }
}
