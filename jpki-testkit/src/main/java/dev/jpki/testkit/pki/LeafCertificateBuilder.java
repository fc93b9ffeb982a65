// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.KeyType;
import dev.jpki.card.Sex;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds a JPKI-shaped leaf certificate (docs/card-protocol.md §9.2-§9.4) issued by a {@link TestPki} root. Start with
 * {@link TestPki#leaf(KeyType)}. Not thread-safe; each {@link #build()} is deterministic.
 *
 * <p>Defaults: subject key {@code spare-leaf}; serial {@code 0x5E000001} (SIGN) / {@code 0xAE000001}
 * (AUTH); a test holder 試験 一郎 in Chiyoda-ku; issued 2024-06-01 10:00 JST, expiring at 23:59:59 JST on
 * the holder's 5th birthday after issue (docs/card-protocol.md §9.1); test policy ({@link JpkiOids#POLICY_TEST_SIGN} /
 * {@link JpkiOids#POLICY_TEST_AUTH}); keyUsage critical digitalSignature+nonRepudiation (SIGN) or
 * digitalSignature (AUTH); AIA OCSP and CRL DP URIs of the PKI's loopback port.
 *
 * <p>Signature certificates: subject {@code C=JP, L=<prefecture>, L=<municipality>, CN=<identifier>};
 * SAN otherNames {@code 1.2.392.200149.8.5.5.1-6} each {@code [0] EXPLICIT UTF8String} (docs/card-protocol.md §9.3).
 * Authentication certificates: subject {@code C=JP, CN=<identifier>}, no personal data (docs/card-protocol.md §9.4).
 * Both: issuerAltName DirName {@code C=JP, O=公的個人認証サービス}, CRL DP with a DirName (docs/card-protocol.md §9.2,
 * <b>UNCONFIRMED</b> single source; partitioned by prefecture and municipality on SIGN certificates
 * only) and a loopback URI, AIA OCSP (no production source shows
 * one), AKI (key id) and SKI.
 */
public final class LeafCertificateBuilder {
  /** Default holder of builder-made leaves: test data, never a real person. */
  public static final Holder DEFAULT_HOLDER =
      Holder.of(
          "試験\u3000一郎",
          "東京都千代田区霞が関１－１－１",
          LocalDate.of(1980, 1, 1),
          Sex.MALE,
          "Tokyo-to",
          "Chiyoda-ku");

  private final TestPki pki;
  private final KeyType type;
  private Holder holder = DEFAULT_HOLDER;
  private String identifier;
  private KeyPair keyPair = TestKeys.get("spare-leaf");
  private BigInteger serial;
  private @Nullable Instant notBefore;
  private @Nullable Instant notAfter;
  private int keyUsage;
  private List<String> policies;
  private boolean foreignIssuer;
  private boolean corruptSignature;
  private @Nullable URI ocspUri;
  private @Nullable URI crlUri;
  private boolean withoutOcsp;
  private boolean withoutCrlDp;

  LeafCertificateBuilder(TestPki pki, KeyType type) {
    this.pki = pki;
    this.type = type;
    boolean sign = type == KeyType.SIGNATURE;
    this.identifier = sign ? "TESTLEAFSIGN13101000001A" : "TESTLEAFAUTH13101000001A";
    this.serial = defaultSerial(type);
    this.keyUsage =
        sign ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation : KeyUsage.digitalSignature;
    this.policies = List.of(sign ? JpkiOids.POLICY_TEST_SIGN : JpkiOids.POLICY_TEST_AUTH);
  }

  /** The serial of a leaf built without {@link #serial(BigInteger)}. */
  static BigInteger defaultSerial(KeyType type) {
    return BigInteger.valueOf(type == KeyType.SIGNATURE ? 0x5E000001L : 0xAE000001L);
  }

  /**
   * The holder whose data goes into a signature certificate's subject and SAN (and whose birthday
   * sets the default expiry). Ignored in the subject of AUTH certificates.
   *
   * @param holder the holder
   * @return this builder
   */
  public LeafCertificateBuilder holder(Holder holder) {
    this.holder = holder;
    return this;
  }

  /**
   * The subject CN: the certificate identifier (docs/card-protocol.md §9.1; e.g. {@code 997794E9AGCIEG13221003A} on a
   * test card).
   *
   * @param identifier printable ASCII, 1..64 characters
   * @return this builder
   */
  public LeafCertificateBuilder identifier(String identifier) {
    if (!identifier.matches("[\\x21-\\x7E]{1,64}")) {
      throw new IllegalArgumentException("identifier must be 1..64 printable ASCII characters");
    }
    this.identifier = identifier;
    return this;
  }

  /**
   * The subject key pair.
   *
   * @param keyPair an RSA key pair
   * @return this builder
   */
  public LeafCertificateBuilder keyPair(KeyPair keyPair) {
    this.keyPair = keyPair;
    return this;
  }

  /**
   * The serial number. Use distinct serials for distinct certificates from one issuer.
   *
   * @param serial a positive serial
   * @return this builder
   */
  public LeafCertificateBuilder serial(BigInteger serial) {
    if (serial.signum() <= 0) {
      throw new IllegalArgumentException("serial must be positive");
    }
    this.serial = serial;
    return this;
  }

  /**
   * Explicit validity.
   *
   * @param notBefore start (second precision)
   * @param notAfter end (second precision)
   * @return this builder
   */
  public LeafCertificateBuilder validity(Instant notBefore, Instant notAfter) {
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException("notAfter is before notBefore");
    }
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    return this;
  }

  /**
   * Validity by JST dates the way J-LIS writes them: issued 10:00 JST, expires 23:59:59 JST.
   *
   * @param issued issue date
   * @param expiry expiry date
   * @return this builder
   */
  public LeafCertificateBuilder validity(LocalDate issued, LocalDate expiry) {
    return validity(issueInstant(issued), expiryInstant(expiry));
  }

  /**
   * Expired at {@link TestPki#REFERENCE_TIME}: 2019-06-01 10:00 JST to 2024-03-10 23:59:59 JST.
   *
   * @return this builder
   */
  public LeafCertificateBuilder expired() {
    return validity(LocalDate.of(2019, 6, 1), LocalDate.of(2024, 3, 10));
  }

  /**
   * Not yet valid at {@link TestPki#REFERENCE_TIME}: 2027-06-01 10:00 JST to 2032-01-01 23:59:59 JST.
   *
   * @return this builder
   */
  public LeafCertificateBuilder notYetValid() {
    return validity(LocalDate.of(2027, 6, 1), LocalDate.of(2032, 1, 1));
  }

  /**
   * The keyUsage bits (BouncyCastle {@link KeyUsage} constants), always critical. E.g. {@code
   * KeyUsage.keyEncipherment} for a "wrong key usage" variant.
   *
   * @param bits the bits
   * @return this builder
   */
  public LeafCertificateBuilder keyUsage(int bits) {
    this.keyUsage = bits;
    return this;
  }

  /**
   * The certificatePolicies OIDs (non-critical, criticality <b>UNCONFIRMED</b>, docs/card-protocol.md §9.2); none removes
   * the extension.
   *
   * @param oids dotted OIDs
   * @return this builder
   */
  public LeafCertificateBuilder policies(String... oids) {
    for (String oid : oids) {
      new ASN1ObjectIdentifier(oid); // validates
    }
    this.policies = List.copyOf(Arrays.asList(oids));
    return this;
  }

  /**
   * Issues the certificate from the foreign root with the same DN (negative tests).
   *
   * @return this builder
   */
  public LeafCertificateBuilder issuedByForeignRoot() {
    this.foreignIssuer = true;
    return this;
  }

  /**
   * Flips one bit of the signature value after signing (negative tests).
   *
   * @return this builder
   */
  public LeafCertificateBuilder corruptSignature() {
    this.corruptSignature = true;
    return this;
  }

  /**
   * Another OCSP URI in the AIA.
   *
   * @param uri the URI
   * @return this builder
   */
  public LeafCertificateBuilder ocspUri(URI uri) {
    this.ocspUri = uri;
    return this;
  }

  /**
   * Another CRL URI in the CRL distribution point.
   *
   * @param uri the URI
   * @return this builder
   */
  public LeafCertificateBuilder crlUri(URI uri) {
    this.crlUri = uri;
    return this;
  }

  /**
   * Omits the AIA extension (no OCSP source).
   *
   * @return this builder
   */
  public LeafCertificateBuilder withoutOcsp() {
    this.withoutOcsp = true;
    return this;
  }

  /**
   * Omits the CRL distribution points extension (no CRL source).
   *
   * @return this builder
   */
  public LeafCertificateBuilder withoutCrlDistributionPoint() {
    this.withoutCrlDp = true;
    return this;
  }

  /**
   * Issues the certificate and records its serial as issued (so the OCSP responder answers "good").
   *
   * @return the certificate and its key pair
   */
  public IssuedCertificate build() {
    TestPki.Ca ca = pki.ca(type, foreignIssuer);
    Instant nb = notBefore != null ? notBefore : issueInstant(LocalDate.of(2024, 6, 1));
    Instant na =
        notAfter != null
            ? notAfter
            : expiryInstant(CardCodes.certificateExpiry(holder.birthDate(), LocalDate.of(2024, 6, 1)));
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              TestPki.rootDn(type),
              serial,
              java.util.Date.from(nb),
              java.util.Date.from(na),
              subject(),
              keyPair.getPublic());
      b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      if (!policies.isEmpty()) {
        PolicyInformation[] infos = new PolicyInformation[policies.size()];
        for (int i = 0; i < infos.length; i++) {
          infos[i] = new PolicyInformation(new ASN1ObjectIdentifier(policies.get(i)));
        }
        b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(infos));
      }
      if (type == KeyType.SIGNATURE) {
        b.addExtension(Extension.subjectAlternativeName, false, subjectAltName());
      }
      // docs/card-protocol.md §9.1: issuerAltName DirName C=JP, O=公的個人認証サービス on both leaf types.
      b.addExtension(
          Extension.issuerAlternativeName,
          false,
          new GeneralNames(
              new GeneralName(
                  new X500NameBuilder(BCStyle.INSTANCE)
                      .addRDN(BCStyle.C, "JP")
                      .addRDN(BCStyle.O, "公的個人認証サービス")
                      .build())));
      if (!withoutCrlDp) {
        b.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoints());
      }
      if (!withoutOcsp) {
        URI uri = ocspUri != null ? ocspUri : pki.ocspUri();
        b.addExtension(
            Extension.authorityInfoAccess,
            false,
            new AuthorityInformationAccess(
                new AccessDescription(
                    AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString()))));
      }
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(ca.keyPair().getPublic()));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keyPair.getPublic()));
      X509Certificate cert = Certs.sign(b, ca.keyPair().getPrivate());
      if (corruptSignature) {
        byte[] der = cert.getEncoded();
        // The DER ends with the signature BIT STRING's last content byte.
        der[der.length - 1] ^= 0x01;
        cert = Certs.parse(der);
      }
      if (!foreignIssuer) {
        pki.recordIssued(type, serial);
      }
      return new IssuedCertificate(cert, keyPair);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build test leaf certificate", e);
    }
  }

  private X500Name subject() {
    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP");
    if (type == KeyType.SIGNATURE) {
      // docs/card-protocol.md §9.1: C=JP, L=<prefecture>, L=<municipality>, CN=<identifier> (romanised locality).
      nb.addRDN(BCStyle.L, holder.prefecture()).addRDN(BCStyle.L, holder.municipality());
    }
    return nb.addRDN(BCStyle.CN, identifier).build();
  }

  private GeneralNames subjectAltName() {
    List<GeneralName> names = new ArrayList<>();
    names.add(otherName(JpkiOids.SAN_NAME, holder.name()));
    names.add(otherName(JpkiOids.SAN_NAME_SUBSTITUTION, holder.nameSubstitutionMap()));
    names.add(otherName(JpkiOids.SAN_SEX, String.valueOf(holder.sex().certificateCode())));
    names.add(otherName(JpkiOids.SAN_BIRTH_DATE, CardCodes.sanBirthDate(holder.birthDate())));
    names.add(otherName(JpkiOids.SAN_ADDRESS, holder.address()));
    names.add(otherName(JpkiOids.SAN_ADDRESS_SUBSTITUTION, holder.addressSubstitutionMap()));
    return new GeneralNames(names.toArray(new GeneralName[0]));
  }

  /** docs/card-protocol.md §9.3: {@code otherName { type-id OID, value [0] EXPLICIT UTF8String }}. */
  private static GeneralName otherName(String oid, String value) {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1ObjectIdentifier(oid));
    v.add(new DERTaggedObject(true, 0, new DERUTF8String(value)));
    return new GeneralName(GeneralName.otherName, new DERSequence(v));
  }

  private CRLDistPoint crlDistributionPoints() {
    // docs/card-protocol.md §9.2: DirName partition C=JP, O=JPKI, OU=<type>, OU=CRL Distribution Points,
    // OU=<prefecture>, CN=<municipality> (single source); we add a loopback URI so tools can fetch it.
    X500NameBuilder pb =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "JP")
            .addRDN(BCStyle.O, "JPKI-TEST")
            .addRDN(BCStyle.OU, CertProfiles.organizationalUnit(type))
            .addRDN(BCStyle.OU, "CRL Distribution Points");
    if (type == KeyType.SIGNATURE) {
      // Partitioned by municipality; auth certificates carry no locality (docs/card-protocol.md §9.4), and do not
      // lapse on moving, so their DirName stops at the type (our choice, UNCONFIRMED).
      pb.addRDN(BCStyle.OU, holder.prefecture()).addRDN(BCStyle.CN, holder.municipality());
    }
    X500Name partition = pb.build();
    URI uri = crlUri != null ? crlUri : pki.crlUri(type);
    GeneralNames full =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(partition),
              new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString())
            });
    return new CRLDistPoint(
        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(full), null, null)});
  }

  static Instant issueInstant(LocalDate d) {
    return TestPki.jst(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 10, 0, 0);
  }

  static Instant expiryInstant(LocalDate d) {
    return TestPki.jst(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 23, 59, 59);
  }
}
