// SPDX-License-Identifier: Apache-2.0
package dev.jpki.examples;

import dev.jpki.Jpki;
import dev.jpki.apdu.CardTransport;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.jca.JpkiLoadParameter;
import dev.jpki.card.jca.JpkiProvider;
import dev.jpki.testkit.verify.TestVerification;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs data as CMS SignedData (attached: the content inside; detached: kept apart) with the card's
 * signature key through the {@code JPKI} JCA provider and BouncyCastle, then verifies it on the "server"
 * with {@link SignatureVerifier}: signature, signer certificate path, JPKI profile and revocation.
 * Run: {@code JPKI_SIGN_PASSWORD=ABC123 java ... dev.jpki.examples.SignAndVerifyCms --virtual}
 */
public final class SignAndVerifyCms {
  private SignAndVerifyCms() {}

  /**
   * Signs {@code content} on the card.
   *
   * @param transport a connected card; closed afterwards
   * @param password the signature password
   * @param content the data
   * @param detached whether to leave the content out of the structure
   * @return the DER CMS SignedData, with the signer certificate
   * @throws Exception a wrong password (PinException inside), a card failure
   */
  public static byte[] sign(CardTransport transport, char[] password, byte[] content, boolean detached)
      throws Exception {
    JpkiProvider provider = new JpkiProvider();
    try (MyNumberCard card = Jpki.open(transport)) {
      KeyStore keyStore = KeyStore.getInstance(JpkiProvider.KEY_STORE_TYPE, provider);
      keyStore.load(JpkiLoadParameter.of(card));
      PrivateKey key = (PrivateKey) keyStore.getKey(JpkiProvider.ALIAS_SIGN, password);
      X509Certificate cert = (X509Certificate) keyStore.getCertificate(JpkiProvider.ALIAS_SIGN);
      CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
      cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(provider).build(key), cert));
      cms.addCertificate(new JcaX509CertificateHolder(cert));
      return cms.generate(new CMSProcessableByteArray(content), !detached).getEncoded();
    }
  }

  /**
   * Entry point: {@code [--virtual]}; the password from {@code JPKI_SIGN_PASSWORD}. Verifies against the test
   * PKI ({@code TestVerification}); production code builds its verifier with {@code TrustAnchors.production()}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    ExampleMain.run("SignAndVerifyCms", () -> {
      byte[] content = "契約書 v1".getBytes(StandardCharsets.UTF_8);
      char[] password = ExampleMain.secret("JPKI_SIGN_PASSWORD");
      SignatureVerifier verifier = TestVerification.create().signatureVerifier();
      VerificationResult attached = verifier.verifyCms(sign(ExampleMain.card(args), password, content, false));
      VerificationResult detached = verifier.verifyCms(sign(ExampleMain.card(args), password, content, true), content);
      System.out.println("attached: " + attached.status() + ", detached: " + detached.status());
    });
  }
}
