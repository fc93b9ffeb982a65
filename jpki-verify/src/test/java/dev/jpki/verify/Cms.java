// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Builds CMS SignedData test vectors with BouncyCastle (what a client signing with the card produces). */
final class Cms {
  private Cms() {}

  static byte[] sign(byte[] content, PrivateKey key, X509Certificate cert, boolean attached, boolean signedAttributes,
      Date signingTime) {
    try {
      JcaSignerInfoGeneratorBuilder sib = new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().build());
      if (signedAttributes) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new org.bouncycastle.asn1.cms.Attribute(CMSAttributes.signingTime,
            new org.bouncycastle.asn1.DERSet(new Time(signingTime))));
        sib.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(v)));
      } else {
        sib.setDirectSignature(true);
      }
      CMSSignedDataGenerator g = new CMSSignedDataGenerator();
      g.addSignerInfoGenerator(sib.build(new JcaContentSignerBuilder("SHA256withRSA").build(key), cert));
      g.addCertificates(new JcaCertStore(List.of(cert)));
      return g.generate(new CMSProcessableByteArray(content), attached).getEncoded();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
