// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.internal;

import dev.jpki.verify.BadInputException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.jspecify.annotations.Nullable;

/** Reads the X.509 extensions the verifiers need; small values parsed with BouncyCastle. */
public final class X509Ext {
  /** keyUsage. */
  public static final String KEY_USAGE = "2.5.29.15";
  /** basicConstraints. */
  public static final String BASIC_CONSTRAINTS = "2.5.29.19";
  /** certificatePolicies. */
  public static final String CERTIFICATE_POLICIES = "2.5.29.32";
  /** subjectAltName. */
  public static final String SUBJECT_ALT_NAME = "2.5.29.17";
  /** issuerAltName. */
  public static final String ISSUER_ALT_NAME = "2.5.29.18";
  /** extKeyUsage. */
  public static final String EXT_KEY_USAGE = "2.5.29.37";
  /** cRLDistributionPoints. */
  public static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
  /** authorityKeyIdentifier. */
  public static final String AUTHORITY_KEY_ID = "2.5.29.35";
  /** subjectKeyIdentifier. */
  public static final String SUBJECT_KEY_ID = "2.5.29.14";
  /** authorityInfoAccess. */
  public static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";
  /** id-kp-OCSPSigning. */
  public static final String KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
  /** id-pkix-ocsp-nocheck. */
  public static final String OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5";

  private X509Ext() {}

  /**
   * Returns the extnValue contents of an extension, parsed.
   *
   * @param cert the certificate
   * @param oid the extension OID
   * @return the parsed value, or null when absent
   * @throws BadInputException when the value is not DER
   */
  public static @Nullable ASN1Primitive value(X509Certificate cert, String oid) throws BadInputException {
    byte[] wrapped = cert.getExtensionValue(oid);
    if (wrapped == null) {
      return null;
    }
    try {
      byte[] inner = ASN1OctetString.getInstance(wrapped).getOctets();
      DerStructure.check(inner, "extension " + oid, DerStructure.DEFAULT_MAX_DEPTH, false);
      return ASN1Primitive.fromByteArray(inner);
    } catch (BadInputException e) {
      throw e;
    } catch (Exception e) {
      throw new BadInputException("extension " + oid, -1, "malformed value", e);
    }
  }

  /**
   * Returns the subject key identifier, or null when absent or unreadable.
   *
   * @param cert the certificate
   * @return the key identifier bytes
   */
  public static byte @Nullable [] subjectKeyIdentifier(X509Certificate cert) {
    try {
      ASN1Primitive v = value(cert, SUBJECT_KEY_ID);
      return v == null ? null : ASN1OctetString.getInstance(v).getOctets();
    } catch (BadInputException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns the keyIdentifier of the authority key identifier, or null when absent or unreadable.
   *
   * @param cert the certificate
   * @return the key identifier bytes
   */
  public static byte @Nullable [] authorityKeyIdentifier(X509Certificate cert) {
    try {
      ASN1Primitive v = value(cert, AUTHORITY_KEY_ID);
      return v == null ? null : AuthorityKeyIdentifier.getInstance(v).getKeyIdentifier();
    } catch (BadInputException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns the certificate policy OIDs.
   *
   * @param cert the certificate
   * @return dotted OIDs, empty when the extension is absent
   * @throws BadInputException when the extension is malformed
   */
  public static List<String> policies(X509Certificate cert) throws BadInputException {
    ASN1Primitive v = value(cert, CERTIFICATE_POLICIES);
    if (v == null) {
      return Collections.emptyList();
    }
    try {
      List<String> out = new ArrayList<>();
      for (PolicyInformation pi : CertificatePolicies.getInstance(v).getPolicyInformation()) {
        out.add(pi.getPolicyIdentifier().getId());
      }
      return Collections.unmodifiableList(out);
    } catch (RuntimeException e) {
      throw new BadInputException("certificatePolicies", -1, "malformed", e);
    }
  }

  /**
   * Returns the parsed CRL distribution points.
   *
   * @param cert the certificate
   * @return the extension, or null when absent or malformed
   */
  public static @Nullable CRLDistPoint crlDistributionPoints(X509Certificate cert) {
    try {
      ASN1Primitive v = value(cert, CRL_DISTRIBUTION_POINTS);
      return v == null ? null : CRLDistPoint.getInstance(v);
    } catch (BadInputException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns the http(s) URLs among the certificate's CRL distribution points (JPKI certificates name a
   * directory, not a URL, docs/card-protocol.md §9.2, so this is often empty).
   *
   * @param cert the certificate
   * @return URLs in order
   */
  public static List<String> crlUrls(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    CRLDistPoint dp = crlDistributionPoints(cert);
    if (dp == null) {
      return out;
    }
    try {
      for (DistributionPoint p : dp.getDistributionPoints()) {
        DistributionPointName n = p.getDistributionPoint();
        if (n != null && n.getType() == DistributionPointName.FULL_NAME) {
          for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
            addUrl(out, g);
          }
        }
      }
    } catch (RuntimeException e) {
      // a malformed distribution point names no usable URL
    }
    return out;
  }

  /**
   * Returns the http(s) OCSP responder URLs of the authority information access extension.
   *
   * @param cert the certificate
   * @return URLs in order
   */
  public static List<String> ocspUrls(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      ASN1Primitive v = value(cert, AUTHORITY_INFO_ACCESS);
      if (v == null) {
        return out;
      }
      for (AccessDescription ad : AuthorityInformationAccess.getInstance(v).getAccessDescriptions()) {
        if (AccessDescription.id_ad_ocsp.equals(ad.getAccessMethod())) {
          addUrl(out, ad.getAccessLocation());
        }
      }
    } catch (BadInputException | RuntimeException e) {
      // malformed AIA: no URL
    }
    return out;
  }

  private static void addUrl(List<String> out, GeneralName g) {
    if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
      ASN1Encodable n = g.getName();
      String s = ASN1IA5String.getInstance(n).getString();
      if (s.startsWith("http://") || s.startsWith("https://")) {
        out.add(s);
      }
    }
  }
}
