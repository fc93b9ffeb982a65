// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.LastTryRefusedException;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.Pin;
import dev.jpki.card.WrongPinException;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.security.auth.callback.PasswordCallback;
import org.junit.jupiter.api.Test;

/** The JCA provider over the virtual card of the {@code default} persona (PIN 1234, password ABC123). */
class JpkiProviderTest {
  private static final Persona PERSONA = Personas.get(Personas.DEFAULT);
  private final JpkiProvider provider = new JpkiProvider();
  private final VirtualCardTransport transport = VirtualCardTransport.of(PERSONA.newCard());
  private final MyNumberCard card = MyNumberCard.open(transport);
  private final byte[] data = "document".getBytes(StandardCharsets.UTF_8);

  private KeyStore load(JpkiLoadParameter p) throws Exception {
    KeyStore ks = KeyStore.getInstance(JpkiProvider.KEY_STORE_TYPE, provider);
    ks.load(p);
    return ks;
  }

  private static boolean verifies(String alg, X509Certificate cert, byte[] data, byte[] sig) throws Exception {
    Signature v = Signature.getInstance(alg); // the platform's provider verifies
    v.initVerify(cert.getPublicKey());
    v.update(data);
    return v.verify(sig);
  }

  @Test
  void keyStore_load_readsAuthCertificate_aliases() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    assertThat(Collections.list(ks.aliases())).containsExactly("auth", "sign");
    assertThat(ks.isKeyEntry("auth")).isTrue();
    assertThat(ks.size()).isEqualTo(2);
    assertThat(((X509Certificate) ks.getCertificate("auth")).getEncoded()).isEqualTo(PERSONA.authCertificate().getEncoded());
    assertThat(ks.getCertificateAlias(ks.getCertificate("auth"))).isEqualTo("auth");
    assertThat(ks.getCertificate("sign")).as("protected by the password until given").isNull();
    assertThat(ks.getCertificateChain("auth")).hasSize(1);
    assertThatThrownBy(() -> ks.deleteEntry("auth")).isInstanceOf(KeyStoreException.class);
  }

  @Test
  void keyStore_loadWithoutParameter_explains() throws Exception {
    KeyStore ks = KeyStore.getInstance("JPKI", provider);
    assertThatThrownBy(() -> ks.load(null, null)).isInstanceOf(IOException.class)
        .hasMessageContaining("JpkiLoadParameter");
  }

  @Test
  void signature_allHashes_withKeyFromGetKey_verifyWithCertificate() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    PrivateKey key = (PrivateKey) ks.getKey("auth", "1234".toCharArray());
    X509Certificate cert = (X509Certificate) ks.getCertificate("auth");
    for (String alg : new String[] {"SHA1withRSA", "SHA224withRSA", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA"}) {
      Signature s = Signature.getInstance(alg, provider);
      s.initSign(key);
      s.update(data);
      assertThat(verifies(alg, cert, data, s.sign())).as(alg).isTrue();
    }
  }

  @Test
  void registeredProvider_plainGetInstance_picksTheCardForItsKey() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    PrivateKey key = (PrivateKey) ks.getKey("auth", "1234".toCharArray());
    java.security.Security.addProvider(provider);
    try {
      Signature s = Signature.getInstance("SHA256withRSA"); // no provider named: JCA delayed selection
      s.initSign(key);
      s.update(data);
      byte[] sig = s.sign();
      assertThat(s.getProvider()).isSameAs(provider);
      assertThat(verifies("SHA256withRSA", (X509Certificate) ks.getCertificate("auth"), data, sig)).isTrue();
    } finally {
      java.security.Security.removeProvider(JpkiProvider.NAME);
    }
  }

  @Test
  void signature_byOid_resolves() throws Exception {
    assertThat(Signature.getInstance("1.2.840.113549.1.1.11", provider).getProvider()).isSameAs(provider);
  }

  @Test
  void noneWithRsa_preparedDigestInfo() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    PrivateKey key = (PrivateKey) ks.getKey("auth", "1234".toCharArray());
    Signature s = Signature.getInstance("NONEwithRSA", provider);
    s.initSign(key);
    s.update(HashAlgorithm.SHA256.digestInfo(MessageDigest.getInstance("SHA-256").digest(data)));
    byte[] sig = s.sign();
    assertThat(verifies("SHA256withRSA", (X509Certificate) ks.getCertificate("auth"), data, sig)).isTrue();
  }

  @Test
  void noneWithRsa_tooLong_rejectedBeforeTheCard() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    PrivateKey key = (PrivateKey) ks.getKey("auth", null);
    Signature s = Signature.getInstance("NONEwithRSA", provider);
    s.initSign(key);
    int before = transport.apduCount();
    assertThatThrownBy(() -> s.update(new byte[246])).isInstanceOf(SignatureException.class);
    assertThat(transport.apduCount()).isEqualTo(before);
  }

  @Test
  void signKey_getKeyWithPassword_readsSignCertificate_andSigns() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    PrivateKey key = (PrivateKey) ks.getKey("sign", "abc123".toCharArray());
    X509Certificate cert = (X509Certificate) ks.getCertificate("sign");
    assertThat(cert.getEncoded()).isEqualTo(PERSONA.signCertificate().orElseThrow().getEncoded());
    Signature s = Signature.getInstance("SHA256withRSA", provider);
    s.initSign(key);
    s.update(data);
    assertThat(verifies("SHA256withRSA", cert, data, s.sign())).isTrue();
  }

  @Test
  void getKey_wrongPin_unrecoverableWithTriesLeft() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    assertThatThrownBy(() -> ks.getKey("auth", "9999".toCharArray()))
        .isInstanceOf(UnrecoverableKeyException.class)
        .hasMessageContaining("2 tries left").hasMessageNotContaining("9999")
        .hasCauseInstanceOf(WrongPinException.class);
  }

  @Test
  void getKey_malformedPin_neverReachesTheCard() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    int before = transport.apduCount();
    assertThatThrownBy(() -> ks.getKey("auth", "12".toCharArray()))
        .isInstanceOf(UnrecoverableKeyException.class).hasMessage("user-authentication PIN must be exactly 4 digits");
    assertThat(transport.apduCount()).isEqualTo(before);
  }

  @Test
  void callbackHandler_promptsAtFirstSigningOnly() throws Exception {
    List<String> prompts = new ArrayList<>();
    KeyStore ks = load(JpkiLoadParameter.of(card, new KeyStore.CallbackHandlerProtection(callbacks -> {
      PasswordCallback pc = (PasswordCallback) callbacks[0];
      prompts.add(pc.getPrompt());
      pc.setPassword("1234".toCharArray());
    })));
    PrivateKey key = (PrivateKey) ks.getKey("auth", null);
    assertThat(prompts).isEmpty();
    for (int i = 0; i < 2; i++) {
      Signature s = Signature.getInstance("SHA256withRSA", provider);
      s.initSign(key);
      s.update(data);
      assertThat(verifies("SHA256withRSA", (X509Certificate) ks.getCertificate("auth"), data, s.sign())).isTrue();
    }
    assertThat(prompts).containsExactly("user-authentication PIN (exactly 4 digits): ");
  }

  @Test
  void callbackHandler_promptsAgainAfterAnotherApplicationClearedThePin() throws Exception {
    List<String> prompts = new ArrayList<>();
    KeyStore ks = load(JpkiLoadParameter.of(card, new KeyStore.CallbackHandlerProtection(callbacks -> {
      prompts.add("p");
      ((PasswordCallback) callbacks[0]).setPassword("1234".toCharArray());
    })));
    PrivateKey key = (PrivateKey) ks.getKey("auth", null);
    sign(key);
    card.text().cardVerifiableCertificate(); // clears the JPKI AP's verified state (docs/card-protocol.md §5.3)
    sign(key);
    assertThat(prompts).hasSize(2);
  }

  private byte[] sign(PrivateKey key) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA", provider);
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  @Test
  void noProtection_signingExplainsHowToUnlock() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    PrivateKey key = (PrivateKey) ks.getKey("auth", null);
    assertThatThrownBy(() -> sign(key)).isInstanceOf(SignatureException.class)
        .hasMessageContaining("not verified").hasMessageContaining("getKey(alias, pin)");
  }

  @Test
  void getEntry_signWithPasswordProtection_givesChain() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.builder(card).caCertificates(true).build());
    KeyStore.PrivateKeyEntry e = (KeyStore.PrivateKeyEntry) ks.getEntry("sign",
        new KeyStore.PasswordProtection("ABC123".toCharArray()));
    assertThat(e.getCertificateChain()).hasSize(2);
    assertThat(e.getCertificate().getEncoded()).isEqualTo(PERSONA.signCertificate().orElseThrow().getEncoded());
    assertThat(sign(e.getPrivateKey())).hasSize(256);
  }

  @Test
  void lastTry_protectedThroughTheProvider_unlessAllowed() throws Exception {
    try (MyNumberCard c = MyNumberCard.open(VirtualCardTransport.of(PERSONA.newCard()));
        Pin wrong = Pin.authentication("0000".toCharArray())) {
      for (int i = 0; i < 2; i++) { // 3 tries -> 1 left
        assertThatThrownBy(() -> c.jpki().verify(wrong)).isInstanceOf(WrongPinException.class);
      }
      KeyStore ks = load(JpkiLoadParameter.of(c));
      assertThatThrownBy(() -> ks.getKey("auth", "1234".toCharArray()))
          .isInstanceOf(UnrecoverableKeyException.class).hasCauseInstanceOf(LastTryRefusedException.class);
      KeyStore allowing = load(JpkiLoadParameter.builder(c).allowLastTry(true).build());
      assertThat(allowing.getKey("auth", "1234".toCharArray())).isInstanceOf(PrivateKey.class)
          .hasToString("JpkiPrivateKey[AUTHENTICATION]");
    }
  }

  @Test
  void foreignKey_rejected_andVerifyNotOffered() throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA", provider);
    java.security.KeyPair kp = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
    assertThatThrownBy(() -> s.initSign(kp.getPrivate())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> s.initVerify(kp.getPublic())).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void privateKey_holdsNoMaterial() throws Exception {
    KeyStore ks = load(JpkiLoadParameter.of(card));
    PrivateKey key = (PrivateKey) ks.getKey("sign", null);
    assertThat(key.getEncoded()).isNull();
    assertThat(key.getFormat()).isNull();
    assertThat(key.getAlgorithm()).isEqualTo("RSA");
    assertThat(key.toString()).isEqualTo("JpkiPrivateKey[SIGNATURE]");
  }
}
