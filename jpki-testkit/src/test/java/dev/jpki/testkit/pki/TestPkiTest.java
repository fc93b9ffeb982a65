// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.KeyType;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

class TestPkiTest {
  private static final TestPki PKI = TestPki.get();

  static void pkixValidate(X509Certificate leaf, X509Certificate anchor, Instant at, String... policies)
      throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    CertPath path = cf.generateCertPath(List.of(leaf));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    if (policies.length > 0) {
      params.setInitialPolicies(Set.of(policies));
      params.setExplicitPolicyRequired(true);
    }
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }

  @Test
  void roots_haveJlisShapedDnAndExtensions() throws Exception {
    for (KeyType type : KeyType.values()) {
      X509Certificate root = PKI.root(type);
      assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
      assertThat(new JcaX509CertificateHolder(root).getSubject().toString())
          .isEqualTo("C=JP,O=JPKI-TEST,OU=" + CertProfiles.organizationalUnit(type)
              + ",OU=Japan Agency for Local Authority Information Systems");
      root.verify(root.getPublicKey());
      assertThat(root.getKeyUsage()).containsExactly(
          false, false, false, false, false, true, true, false, false); // keyCertSign, cRLSign
      assertThat(root.getCriticalExtensionOIDs())
          .contains(Extension.keyUsage.getId(), Extension.basicConstraints.getId());
      assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
      assertThat(root.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
      GeneralNames san =
          GeneralNames.getInstance(
              ASN1OctetString.getInstance(root.getExtensionValue(Extension.subjectAlternativeName.getId()))
                  .getOctets());
      assertThat(san.getNames()[0].getTagNo()).isEqualTo(GeneralName.directoryName);
      assertThat(san.getNames()[0].getName().toString()).contains("O=公的個人認証サービス");
      CRLDistPoint dp =
          CRLDistPoint.getInstance(
              ASN1OctetString.getInstance(root.getExtensionValue(Extension.cRLDistributionPoints.getId()))
                  .getOctets());
      GeneralName dpName =
          GeneralNames.getInstance(dp.getDistributionPoints()[0].getDistributionPoint().getName())
              .getNames()[0];
      assertThat(dpName.getName().toString())
          .isEqualTo(new JcaX509CertificateHolder(root).getSubject().toString());
      assertThat(root.getSigAlgName()).isEqualTo("SHA256withRSA");
      assertThat(((java.security.interfaces.RSAPublicKey) root.getPublicKey()).getModulus().bitLength())
          .isEqualTo(2048);
    }
  }

  @Test
  void foreignRoot_sameDnDifferentKey() throws Exception {
    for (KeyType type : KeyType.values()) {
      X509Certificate real = PKI.root(type);
      X509Certificate foreign = PKI.foreignRoot(type);
      assertThat(foreign.getSubjectX500Principal()).isEqualTo(real.getSubjectX500Principal());
      assertThat(foreign.getPublicKey()).isNotEqualTo(real.getPublicKey());
      assertThat(foreign.getSerialNumber()).isNotEqualTo(real.getSerialNumber());
      foreign.verify(foreign.getPublicKey());
      assertThatThrownBy(() -> foreign.verify(real.getPublicKey()))
          .isInstanceOf(java.security.SignatureException.class);
    }
  }

  @Test
  void forPort_sameRootsAndKeys_differentRevocationUris() {
    TestPki other = TestPki.forPort(28080);
    assertThat(other.signRoot()).isEqualTo(PKI.signRoot());
    assertThat(other.ocspUri().toString()).isEqualTo("http://127.0.0.1:28080/ocsp");
    assertThat(PKI.ocspUri().toString()).isEqualTo("http://127.0.0.1:18763/ocsp");
    assertThat(TestPki.forPort(28080)).isSameAs(other);
    assertThat(PKI.crlUri(KeyType.AUTHENTICATION).toString()).isEqualTo("http://127.0.0.1:18763/crl/auth.crl");
  }

  @Test
  void leaf_defaultsPassPkixAtReferenceTime() throws Exception {
    for (KeyType type : KeyType.values()) {
      X509Certificate leaf = PKI.leaf(type).build().certificate();
      pkixValidate(leaf, PKI.root(type), TestPki.REFERENCE_TIME,
          type == KeyType.SIGNATURE ? JpkiOids.POLICY_TEST_SIGN : JpkiOids.POLICY_TEST_AUTH);
    }
  }

  @Test
  void leaf_buildTwice_byteIdentical() throws Exception {
    byte[] a = PKI.leaf(KeyType.SIGNATURE).build().certificate().getEncoded();
    byte[] b = PKI.leaf(KeyType.SIGNATURE).build().certificate().getEncoded();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void leaf_expired_failsPkixWithExpiry() {
    X509Certificate leaf = PKI.leaf(KeyType.AUTHENTICATION).expired().serial(BigInteger.valueOf(901)).build().certificate();
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(Instant.parse("2024-03-10T14:59:59Z"));
    assertThatThrownBy(() -> pkixValidate(leaf, PKI.authRoot(), TestPki.REFERENCE_TIME))
        .isInstanceOf(CertPathValidatorException.class)
        .hasRootCauseInstanceOf(java.security.cert.CertificateExpiredException.class);
  }

  @Test
  void leaf_notYetValid_failsPkix() {
    X509Certificate leaf = PKI.leaf(KeyType.AUTHENTICATION).notYetValid().serial(BigInteger.valueOf(902)).build().certificate();
    assertThatThrownBy(() -> pkixValidate(leaf, PKI.authRoot(), TestPki.REFERENCE_TIME))
        .isInstanceOf(CertPathValidatorException.class)
        .hasRootCauseInstanceOf(java.security.cert.CertificateNotYetValidException.class);
  }

  @Test
  void leaf_corruptSignature_failsSignatureCheck() {
    X509Certificate leaf = PKI.leaf(KeyType.SIGNATURE).corruptSignature().build().certificate();
    assertThatThrownBy(() -> leaf.verify(PKI.signRoot().getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
    assertThatThrownBy(() -> pkixValidate(leaf, PKI.signRoot(), TestPki.REFERENCE_TIME))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void leaf_issuedByForeignRoot_sameIssuerDnButFailsAgainstRealRoot() throws Exception {
    X509Certificate leaf = PKI.leaf(KeyType.SIGNATURE).issuedByForeignRoot().build().certificate();
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(PKI.signRoot().getSubjectX500Principal());
    assertThatThrownBy(() -> pkixValidate(leaf, PKI.signRoot(), TestPki.REFERENCE_TIME))
        .isInstanceOf(CertPathValidatorException.class);
    pkixValidate(leaf, PKI.foreignRoot(KeyType.SIGNATURE), TestPki.REFERENCE_TIME);
  }

  @Test
  void leaf_wrongPolicy_failsPolicyConstrainedPkix() throws Exception {
    X509Certificate leaf =
        PKI.leaf(KeyType.SIGNATURE).policies("1.2.3.4").serial(BigInteger.valueOf(903)).build().certificate();
    pkixValidate(leaf, PKI.signRoot(), TestPki.REFERENCE_TIME); // no policy constraint: fine
    assertThatThrownBy(
            () -> pkixValidate(leaf, PKI.signRoot(), TestPki.REFERENCE_TIME, JpkiOids.POLICY_TEST_SIGN))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void leaf_wrongKeyUsage_carriesRequestedBitsCritical() {
    X509Certificate leaf =
        PKI.leaf(KeyType.SIGNATURE)
            .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment)
            .serial(BigInteger.valueOf(904))
            .build()
            .certificate();
    boolean[] ku = leaf.getKeyUsage();
    assertThat(ku[0]).isFalse(); // digitalSignature
    assertThat(ku[1]).isFalse(); // nonRepudiation
    assertThat(ku[2]).isTrue(); // keyEncipherment
    assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
  }

  @Test
  void leaf_withoutRevocationSources_hasNoAiaNorCrlDp() {
    X509Certificate leaf =
        PKI.leaf(KeyType.AUTHENTICATION).withoutOcsp().withoutCrlDistributionPoint().build().certificate();
    assertThat(leaf.getExtensionValue(Extension.authorityInfoAccess.getId())).isNull();
    assertThat(leaf.getExtensionValue(Extension.cRLDistributionPoints.getId())).isNull();
  }

  @Test
  void leaf_akiMatchesRootSki() throws Exception {
    X509Certificate leaf = PKI.leaf(KeyType.AUTHENTICATION).build().certificate();
    AuthorityKeyIdentifier aki =
        AuthorityKeyIdentifier.getInstance(
            ASN1OctetString.getInstance(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                .getOctets());
    SubjectKeyIdentifier ski =
        SubjectKeyIdentifier.getInstance(
            ASN1OctetString.getInstance(PKI.authRoot().getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                .getOctets());
    assertThat(aki.getKeyIdentifier()).isEqualTo(ski.getKeyIdentifier());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getExtensionValue(Extension.basicConstraints.getId())).isNull();
  }

  @Test
  void builtInPersonaSerial_outOfRange_throws() {
    assertThat(TestPki.builtInPersonaSerial(KeyType.SIGNATURE, 1)).isEqualTo(BigInteger.valueOf(0x51000001L));
    assertThatThrownBy(() -> TestPki.builtInPersonaSerial(KeyType.SIGNATURE, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cardDataKeys_cvcsVerifyWithCaKeys() throws Exception {
    for (boolean text : new boolean[] {true, false}) {
      byte[] cvc = text ? PKI.textApCvc() : PKI.visualApCvc();
      PublicKey ca = text ? PKI.textApCvcCaPublicKey() : PKI.visualApCvcCaPublicKey();
      assertThat(cvc).hasSize(568);
      Ber.Obj outer = Ber.parse(cvc);
      assertThat(outer.tag()).isEqualTo(0x7F21);
      byte[] body = outer.child(0x5F4E).value();
      byte[] sig = outer.child(0x5F37).value();
      assertThat(body).hasSize(297);
      java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
      s.initVerify(ca);
      s.update(body);
      assertThat(s.verify(sig)).isTrue();
    }
  }
}
