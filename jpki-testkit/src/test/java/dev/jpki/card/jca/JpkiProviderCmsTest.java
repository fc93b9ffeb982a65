// SPDX-License-Identifier: Apache-2.0
package dev.jpki.card.jca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.MyNumberCard;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.transport.VirtualCardTransport;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.security.auth.callback.PasswordCallback;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JPKI provider on the virtual card, through java.security.Signature and BouncyCastle CMS. */
class JpkiProviderCmsTest {
  private final Persona p = Personas.get(Personas.DEFAULT);
  private final JpkiProvider provider = new JpkiProvider();
  private final byte[] content = "請求書 2026-11".getBytes(StandardCharsets.UTF_8);

  private MyNumberCard card() {
    return MyNumberCard.open(VirtualCardTransport.of(p.newCard()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA1withRSA", "SHA224withRSA", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA"})
  void javaSecuritySignature_authKey_verifiesWithPersonaCertificate(String alg) throws Exception {
    try (MyNumberCard card = card()) {
      KeyStore ks = KeyStore.getInstance("JPKI", provider);
      ks.load(JpkiLoadParameter.of(card));
      PrivateKey key = (PrivateKey) ks.getKey("auth", p.authPin().toCharArray());
      Signature s = Signature.getInstance(alg, provider);
      s.initSign(key);
      s.update(content);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(p.authCertificate());
      v.update(content);
      assertThat(v.verify(sig)).isTrue();
      assertThat(ks.getCertificate("auth")).isEqualTo(p.authCertificate());
    }
  }

  @Test
  void bouncyCastleCms_signatureKey_verifiesWithSignCertificate() throws Exception {
    try (MyNumberCard card = card()) {
      KeyStore ks = KeyStore.getInstance("JPKI", provider);
      // the password comes from a callback, as a UI would prompt for it
      ks.load(JpkiLoadParameter.of(card, new KeyStore.CallbackHandlerProtection(cbs ->
          ((PasswordCallback) cbs[0]).setPassword(p.signPassword().toCharArray()))));
      KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) ks.getEntry("sign", null);
      X509Certificate cert = (X509Certificate) entry.getCertificate();
      assertThat(cert).isEqualTo(p.signCertificate().get());

      CMSSignedData signed = cms(entry.getPrivateKey(), cert, "SHA256withRSA");
      SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
      assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
      assertThat((byte[]) signed.getSignedContent().getContent()).isEqualTo(content);
    }
  }

  @Test
  void bouncyCastleCms_authKey_sha512() throws Exception {
    try (MyNumberCard card = card()) {
      KeyStore ks = KeyStore.getInstance("JPKI", provider);
      ks.load(JpkiLoadParameter.of(card));
      PrivateKey key = (PrivateKey) ks.getKey("auth", p.authPin().toCharArray());
      X509Certificate cert = (X509Certificate) ks.getCertificate("auth");
      CMSSignedData signed = cms(key, cert, "SHA512withRSA");
      SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
      assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
      // a re-encoded CMS still verifies (nothing depends on in-memory state)
      CMSSignedData again = new CMSSignedData(signed.getEncoded());
      assertThat(again.getSignerInfos().getSigners().iterator().next()
          .verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
    }
  }

  private CMSSignedData cms(PrivateKey key, X509Certificate cert, String alg) throws Exception {
    ContentSigner signer = new JcaContentSignerBuilder(alg).setProvider(provider).build(key);
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(signer, cert));
    gen.addCertificates(new JcaCertStore(Collections.singletonList(cert)));
    return gen.generate(new CMSProcessableByteArray(content), true);
  }

  @Test
  void smartphone_loadTakesTheAuthPinFromTheProtection() throws Exception {
    Persona phone = Personas.get(Personas.SMARTPHONE);
    try (MyNumberCard card = MyNumberCard.open(VirtualCardTransport.of(phone.newCard()))) {
      KeyStore ks = KeyStore.getInstance("JPKI", provider);
      ks.load(JpkiLoadParameter.builder(card)
          .protection(dev.jpki.card.KeyType.AUTHENTICATION,
              new KeyStore.PasswordProtection(phone.authPin().toCharArray()))
          .build());
      assertThat(ks.getCertificate("auth")).isEqualTo(phone.authCertificate());
      Signature s = Signature.getInstance("SHA256withRSA", provider);
      s.initSign((PrivateKey) ks.getKey("auth", null)); // already verified by load: no prompt needed
      s.update(content);
      Signature v = Signature.getInstance("SHA256withRSA");
      v.initVerify(phone.authCertificate());
      v.update(content);
      assertThat(v.verify(s.sign())).isTrue();
    }
  }
}
