// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.card.KeyType;
import dev.jpki.card.Sex;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

/** The leaf certificate profile of docs/card-protocol.md §9.2-§9.4, decoded independently with BC's ASN.1 model. */
class LeafProfileTest {
  private static final TestPki PKI = TestPki.get();
  private static final Holder HOLDER =
      new Holder(
          "試験\u3000髙子",
          "01000",
          "大阪府大阪市北区中之島１－３－２０",
          "00000000000000001",
          LocalDate.of(1990, 5, 15),
          Sex.NOT_APPLICABLE,
          "Osaka-fu",
          "Osaka-shi");

  private static byte[] ext(X509Certificate c, ASN1ObjectIdentifier oid) {
    return ASN1OctetString.getInstance(c.getExtensionValue(oid.getId())).getOctets();
  }

  /** SAN otherNames decoded as OID -> value, checking the [0] EXPLICIT UTF8String shape. */
  static Map<String, String> sanOtherNames(X509Certificate c) {
    Map<String, String> out = new LinkedHashMap<>();
    for (GeneralName gn : GeneralNames.getInstance(ext(c, Extension.subjectAlternativeName)).getNames()) {
      assertThat(gn.getTagNo()).isEqualTo(GeneralName.otherName);
      ASN1Sequence seq = ASN1Sequence.getInstance(gn.getName());
      String oid = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId();
      ASN1TaggedObject value = ASN1TaggedObject.getInstance(seq.getObjectAt(1));
      assertThat(value.getTagNo()).isZero();
      assertThat(value.isExplicit()).isTrue();
      assertThat(value.getBaseObject().toASN1Primitive()).isInstanceOf(ASN1UTF8String.class);
      out.put(oid, ((ASN1UTF8String) value.getBaseObject()).getString());
    }
    return out;
  }

  @Test
  void signLeaf_sanRoundTripsAllSixOtherNamesInOrder() {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).holder(HOLDER).serial(BigInteger.valueOf(7001)).build().certificate();
    Map<String, String> san = sanOtherNames(c);
    assertThat(san.keySet())
        .containsExactly(
            JpkiOids.SAN_NAME,
            JpkiOids.SAN_NAME_SUBSTITUTION,
            JpkiOids.SAN_SEX,
            JpkiOids.SAN_BIRTH_DATE,
            JpkiOids.SAN_ADDRESS,
            JpkiOids.SAN_ADDRESS_SUBSTITUTION);
    assertThat(san.get(JpkiOids.SAN_NAME)).isEqualTo("試験\u3000髙子");
    assertThat(san.get(JpkiOids.SAN_NAME_SUBSTITUTION)).isEqualTo("01000");
    assertThat(san.get(JpkiOids.SAN_SEX)).isEqualTo("3"); // OTHER -> 3 in the certificate
    assertThat(san.get(JpkiOids.SAN_BIRTH_DATE)).isEqualTo("419900515"); // 平成
    assertThat(san.get(JpkiOids.SAN_ADDRESS)).isEqualTo("大阪府大阪市北区中之島１－３－２０");
    assertThat(san.get(JpkiOids.SAN_ADDRESS_SUBSTITUTION)).isEqualTo("00000000000000001");
  }

  @Test
  void signLeaf_otherNameValueIsExplicitTagZeroOverUtf8String_rawDer() throws Exception {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).build().certificate();
    byte[] san = ext(c, Extension.subjectAlternativeName);
    // First GeneralName: [0] IMPLICIT OtherName -> A0 len 06 09 <OID 1.2.392.200149.8.5.5.1> A0 len 0C len
    Ber.Obj names = Ber.parse(san);
    Ber.Obj first = Ber.parse(san, names.valueStart());
    assertThat(first.tag()).isEqualTo(0xA0);
    Ber.Obj oid = Ber.parse(san, first.valueStart());
    assertThat(oid.tag()).isEqualTo(BERTags.OBJECT_IDENTIFIER);
    assertThat(oid.value()).isEqualTo(Ber.hex("2A 83 08 8C 9B 55 08 05 05 01"));
    Ber.Obj explicit = Ber.parse(san, oid.end());
    assertThat(explicit.tag()).isEqualTo(0xA0);
    Ber.Obj utf8 = Ber.parse(san, explicit.valueStart());
    assertThat(utf8.tag()).isEqualTo(0x0C);
    assertThat(new String(utf8.value(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(LeafCertificateBuilder.DEFAULT_HOLDER.name());
  }

  @Test
  void signLeaf_subjectKeyUsagePoliciesCrlDpAiaIssuerAltName() throws Exception {
    X509Certificate c = PKI.leaf(KeyType.SIGNATURE).holder(HOLDER).serial(BigInteger.valueOf(7002)).build().certificate();
    assertThat(new JcaX509CertificateHolder(c).getSubject().toString())
        .isEqualTo("C=JP,L=Osaka-fu,L=Osaka-shi,CN=TESTLEAFSIGN13101000001A");
    // docs/card-protocol.md §9.2: keyUsage critical, digitalSignature + nonRepudiation = 03 02 06 C0.
    assertThat(ext(c, Extension.keyUsage)).isEqualTo(Ber.hex("03 02 06 C0"));
    assertThat(c.getCriticalExtensionOIDs()).containsExactly(Extension.keyUsage.getId());
    CertificatePolicies cp = CertificatePolicies.getInstance(ext(c, Extension.certificatePolicies));
    assertThat(cp.getPolicyInformation()).hasSize(1);
    assertThat(cp.getPolicyInformation()[0].getPolicyIdentifier().getId()).isEqualTo("1.2.392.200149.8.5.1.0.20");
    CRLDistPoint dp = CRLDistPoint.getInstance(ext(c, Extension.cRLDistributionPoints));
    GeneralName[] full = GeneralNames.getInstance(dp.getDistributionPoints()[0].getDistributionPoint().getName()).getNames();
    assertThat(full[0].getName().toString())
        .isEqualTo("C=JP,O=JPKI-TEST,OU=JPKI for digital signature,OU=CRL Distribution Points,"
            + "OU=Osaka-fu,CN=Osaka-shi");
    assertThat(full[1].getName().toString()).isEqualTo("http://127.0.0.1:18763/crl/sign.crl");
    AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ext(c, Extension.authorityInfoAccess));
    AccessDescription ad = aia.getAccessDescriptions()[0];
    assertThat(ad.getAccessMethod()).isEqualTo(AccessDescription.id_ad_ocsp);
    assertThat(ad.getAccessLocation().getName().toString()).isEqualTo("http://127.0.0.1:18763/ocsp");
    GeneralName ian = GeneralNames.getInstance(ext(c, Extension.issuerAlternativeName)).getNames()[0];
    assertThat(ian.getName().toString()).isEqualTo("C=JP,O=公的個人認証サービス");
    assertThat(c.getNonCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(
            Extension.certificatePolicies.getId(),
            Extension.subjectAlternativeName.getId(),
            Extension.issuerAlternativeName.getId(),
            Extension.cRLDistributionPoints.getId(),
            Extension.authorityInfoAccess.getId(),
            Extension.authorityKeyIdentifier.getId(),
            Extension.subjectKeyIdentifier.getId());
  }

  @Test
  void authLeaf_noPersonalData_digitalSignatureOnly() throws Exception {
    X509Certificate c = PKI.leaf(KeyType.AUTHENTICATION).holder(HOLDER).build().certificate();
    assertThat(new JcaX509CertificateHolder(c).getSubject().toString())
        .isEqualTo("C=JP,CN=TESTLEAFAUTH13101000001A");
    assertThat(c.getExtensionValue(Extension.subjectAlternativeName.getId())).isNull();
    assertThat(ext(c, Extension.keyUsage)).isEqualTo(Ber.hex("03 02 07 80"));
    CertificatePolicies cp = CertificatePolicies.getInstance(ext(c, Extension.certificatePolicies));
    assertThat(cp.getPolicyInformation()[0].getPolicyIdentifier().getId())
        .isEqualTo(JpkiOids.POLICY_TEST_AUTH);
    // The holder's locality must not leak into an auth certificate anywhere.
    assertThat(new String(c.getEncoded(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("Osaka-shi");
  }

  @Test
  void leaf_defaultValidity_jstTenOClockTo235959OnFifthBirthday() {
    X509Certificate c = PKI.leaf(KeyType.AUTHENTICATION).holder(HOLDER).build().certificate();
    assertThat(c.getNotBefore().toInstant()).isEqualTo(java.time.Instant.parse("2024-06-01T01:00:00Z"));
    assertThat(c.getNotAfter().toInstant()).isEqualTo(java.time.Instant.parse("2029-05-15T14:59:59Z"));
  }
}
