// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SimpleAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 finding 3 (JPKI-2026-003): BouncyCastle builds one object per ASN.1 element, ~20 times the input
 * in heap, so a CMS of many tiny elements could exhaust memory and the OutOfMemoryError escaped {@code
 * verifyCms}. An element-count limit now refuses such input before BouncyCastle parses it.
 */
class CmsResourceBoundsTest {
  private static final Persona P = Personas.get(Personas.DEFAULT);
  private static final X509Certificate CERT = P.signCertificate().orElseThrow();
  private static final PrivateKey KEY = P.signKeyPair().orElseThrow().getPrivate();
  private static final byte[] DOC = "doc".getBytes(StandardCharsets.UTF_8);

  private final SignatureVerifier verifier = SignatureVerifier.builder(Fixtures.validator(RevocationSource.none())).build();

  /** A genuine signature whose unsigned attributes (which the signature does not cover) hold n NULLs. */
  static byte[] cmsWithUnsignedNulls(int n) {
    try {
      ASN1EncodableVector nulls = new ASN1EncodableVector(n);
      for (int i = 0; i < n; i++) {
        nulls.add(DERNull.INSTANCE);
      }
      Attribute a = new Attribute(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), new DERSet(new DERSequence(nulls)));
      JcaSignerInfoGeneratorBuilder sib = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
          .build()).setUnsignedAttributeGenerator(new SimpleAttributeTableGenerator(new AttributeTable(a)));
      CMSSignedDataGenerator g = new CMSSignedDataGenerator();
      g.addSignerInfoGenerator(sib.build(new JcaContentSignerBuilder("SHA256withRSA").build(KEY), CERT));
      g.addCertificates(new JcaCertStore(List.of(CERT)));
      return g.generate(new CMSProcessableByteArray(DOC), true).getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void fewElements_isValid() {
    VerificationResult r = verifier.verifyCms(cmsWithUnsignedNulls(10));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.VALID);
  }

  @Test
  void moreElementsThanTheLimit_isRefusedBeforeParsing() {
    int limit = VerificationLimits.defaults().maxCmsElements();
    VerificationResult r = verifier.verifyCms(cmsWithUnsignedNulls(limit + 1));
    CertificateValidatorTest.assertOnly(r, FailureCode.MALFORMED_INPUT, -1);
    assertThat(r.failures().get(0).message()).contains("elements");
  }

  @Test
  void elementLimit_isConfigurable() {
    CertificateValidator validator = Fixtures.validator(RevocationSource.none()).newBuilder()
        .limits(VerificationLimits.builder().maxCmsElements(500).build()).build();
    SignatureVerifier strict = SignatureVerifier.builder(validator).build();
    assertThat(strict.verifyCms(cmsWithUnsignedNulls(1000)).hasFailure(FailureCode.MALFORMED_INPUT)).isTrue();
  }
}
