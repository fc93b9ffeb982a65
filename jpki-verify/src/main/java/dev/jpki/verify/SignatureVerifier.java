// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.verify.internal.JpkiProfile;
import dev.jpki.verify.internal.ResultBuilder;
import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.verify.internal.CmsDer;
import dev.jpki.verify.internal.DerCursor;
import dev.jpki.verify.internal.DerStructure;
import dev.jpki.verify.internal.DerTime;
import dev.jpki.verify.internal.Oids;
import dev.jpki.verify.internal.Pem;
import dev.jpki.verify.internal.Pkcs1;
import dev.jpki.verify.internal.X509Ext;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Store;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies signatures made with a My Number Card key, and validates the signer certificate as {@link
 * CertificateValidator} does:
 *
 * <ul>
 *   <li>raw RSASSA-PKCS1-v1_5 signatures over a DigestInfo, what COMPUTE DIGITAL SIGNATURE returns
 *       (docs/card-protocol.md §5.3), over data or a pre-computed hash;
 *   <li>CMS SignedData, attached or detached, with signed attributes (content-type and messageDigest
 *       required and checked; signingTime optional, reported, and required to fall inside the signer
 *       certificate's validity).
 * </ul>
 *
 * <p>Certificates are checked at the injected clock's time, not at a CMS signingTime, which is only
 * the signer's claim. Only signature certificates (署名用) sign documents by default; a signature made with
 * the authentication key is INVALID with {@link FailureCode#PROFILE} unless {@link
 * Builder#anyKeyType()} or {@link Builder#certificateType} says otherwise. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * CertificateValidator validator = CertificateValidator.builder()
 *     .trustAnchors(TrustAnchors.production())
 *     .revocation(RevocationSource.crlFile(Path.of("sign.crl")))
 *     .build();
 * SignatureVerifier verifier = SignatureVerifier.builder(validator).build();
 * verifier.verifyCms(cmsBytes).requireValid();
 * }</pre>
 *
 * <p>The trust anchors, revocation source, clock, profile and resource limits are the {@link
 * CertificateValidator}'s: one configured validator serves this verifier, {@link LoginVerifier} and
 * plain certificate checks alike.
 */
public final class SignatureVerifier {
  private static final Logger log = LoggerFactory.getLogger(SignatureVerifier.class);
  private static final String OID_SIGNING_TIME = "1.2.840.113549.1.9.5";
  private static final String OID_RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  private static final String OID_SHA1_WITH_RSA = "1.2.840.113549.1.1.5";
  private static final String OID_SHA224_WITH_RSA = "1.2.840.113549.1.1.14";
  private static final String OID_RSASSA_PSS = "1.2.840.113549.1.1.10";

  private final CertificateValidator validator;
  private final @Nullable KeyType certificateType;
  private final @Nullable Provider provider;

  private SignatureVerifier(Builder b) {
    this.validator = b.validator;
    this.certificateType = b.certificateType;
    this.provider = b.provider;
  }

  /**
   * Starts a builder around a configured certificate validator.
   *
   * @param validator checks the signer certificates: its trust anchors, revocation source, clock,
   *     profile and limits apply to every verification
   * @return a builder
   */
  public static Builder builder(CertificateValidator validator) {
    return new Builder(validator);
  }

  /**
   * Returns the certificate validator this verifier uses for signer certificates.
   *
   * @return the validator given to {@link #builder(CertificateValidator)}
   */
  public CertificateValidator validator() {
    return validator;
  }

  /**
   * Verifies a raw PKCS#1 v1.5 signature over data.
   *
   * @param signature the signature value (256 bytes for RSA-2048)
   * @param data the signed data; hashed with the algorithm named in the signed DigestInfo
   * @param signer the signer certificate
   * @return the verdict
   */
  public VerificationResult verifyRaw(byte[] signature, byte[] data, X509Certificate signer) {
    return verifyRaw(signature, data, signer, Collections.emptyList());
  }

  /**
   * Verifies a raw PKCS#1 v1.5 signature over data, with untrusted chain certificates.
   *
   * @param signature the signature value
   * @param data the signed data
   * @param signer the signer certificate
   * @param chain untrusted CA certificates for path building
   * @return the verdict
   */
  public VerificationResult verifyRaw(byte[] signature, byte[] data, X509Certificate signer,
      List<X509Certificate> chain) {
    return raw(signature, data, false, signer, chain, validator.clock().instant());
  }

  /**
   * Verifies a raw PKCS#1 v1.5 signature over a pre-computed hash (the DigestInfo's digest).
   *
   * @param signature the signature value
   * @param digest the hash of the signed data; its length must match the signed DigestInfo's algorithm
   * @param signer the signer certificate
   * @param chain untrusted CA certificates for path building
   * @return the verdict
   */
  public VerificationResult verifyRawDigest(byte[] signature, byte[] digest, X509Certificate signer,
      List<X509Certificate> chain) {
    return raw(signature, digest, true, signer, chain, validator.clock().instant());
  }

  /**
   * Verifies an attached CMS SignedData (DER, BER or PEM).
   *
   * @param cms the structure, with encapsulated content
   * @return the verdict
   */
  public VerificationResult verifyCms(byte[] cms) {
    return verifyCms(cms, null, Collections.emptyList());
  }

  /**
   * Verifies a detached CMS SignedData against its content.
   *
   * @param cms the structure
   * @param content the signed content
   * @return the verdict
   */
  public VerificationResult verifyCms(byte[] cms, byte[] content) {
    return verifyCms(cms, content, Collections.emptyList());
  }

  /**
   * Verifies a CMS SignedData.
   *
   * @param cms the structure (DER, BER or PEM)
   * @param detachedContent the content for a detached signature, or null for an attached one
   * @param extraCertificates certificates to look for the signer and its chain in, besides those in
   *     the structure (all untrusted)
   * @return the verdict
   */
  public VerificationResult verifyCms(byte[] cms, byte @Nullable [] detachedContent,
      List<X509Certificate> extraCertificates) {
    VerificationResult r = verifyCms(cms, detachedContent, extraCertificates, CmsPath.ANY);
    return Objects.requireNonNull(r);
  }

  /** Which CMS path may answer (tests compare the two; callers get {@link #ANY}). */
  enum CmsPath {
    /** The fast path when it applies, else the general one. */
    ANY,
    /** The general path (BouncyCastle) only. */
    GENERAL,
    /** The fast path only: null when it does not apply. */
    FAST
  }

  /**
   * Verifies a CMS SignedData along the given path (package-private: for tests that compare the paths).
   *
   * @param cms the structure
   * @param detachedContent the detached content, or null
   * @param extraCertificates untrusted certificates
   * @param path which path may answer
   * @return the verdict, or null when {@code path} is FAST and the fast path does not apply
   */
  @Nullable VerificationResult verifyCms(byte[] cms, byte @Nullable [] detachedContent,
      List<X509Certificate> extraCertificates, CmsPath path) {
    Instant at = validator.clock().instant();
    ResultBuilder r = ResultBuilder.start(at);
    try {
      if (!cmsInto(cms, detachedContent, extraCertificates, at, r, path)) {
        return null;
      }
    } catch (RuntimeException e) {
      // a parser bug on hostile input must never turn into VALID
      r.add(FailureCode.MALFORMED_INPUT, "CMS could not be processed: " + e.getClass().getSimpleName());
    } catch (OutOfMemoryError | StackOverflowError e) {
      // the limits should make this unreachable; if a parser still runs out, the caller gets a verdict, not
      // an Error from deep inside BouncyCastle (JPKI-2026-003); the memory is free again once we return
      r = ResultBuilder.start(at);
      r.add(FailureCode.MALFORMED_INPUT, "CMS is too large or too deep to process (" + e.getClass().getSimpleName()
          + ")");
    }
    VerificationResult result = r.build();
    log.debug("CMS verification: {}", result.status());
    return result;
  }

  private VerificationResult raw(byte[] signature, byte[] dataOrDigest, boolean prehashed, X509Certificate signer,
      List<X509Certificate> chain, Instant at) {
    ResultBuilder r = ResultBuilder.start(at);
    try {
      checkRawSignature(signature, dataOrDigest, prehashed, signer, r);
    } catch (RuntimeException e) {
      r.add(FailureCode.MALFORMED_INPUT, "signature could not be processed (" + e.getClass().getSimpleName() + ")");
    }
    r.merge(validator.validateAt(signer, chain, certificateType, at));
    VerificationResult result = r.build();
    log.debug("Raw signature verification: {}", result.status());
    return result;
  }

  private void checkRawSignature(byte[] signature, byte[] dataOrDigest, boolean prehashed,
      X509Certificate signer, ResultBuilder r) {
    // the signer's key comes with the input: refuse a costly one before the RSA operation (JPKI-2026-002);
    // the validator reports the same refusal as WEAK_ALGORITHM for certificate 0
    if (validator.limits().rsaKeyRefusal(signer.getPublicKey()) != null) {
      return;
    }
    byte[] block = Pkcs1.recover(signature, signer.getPublicKey(), provider);
    if (block == null) {
      r.add(FailureCode.BAD_SIGNATURE, "signature does not verify with the signer certificate's RSA key");
      return;
    }
    HashAlgorithm alg = Pkcs1.ofDigestInfo(block);
    if (alg == null) {
      r.add(FailureCode.BAD_SIGNATURE, "signed block is not a DigestInfo of SHA-1/256/384/512");
      return;
    }
    if (!validator.profile().digestAlgorithms().contains(alg.oid())) {
      r.add(FailureCode.WEAK_ALGORITHM, "digest algorithm " + alg.jcaName() + " is not accepted");
      return;
    }
    byte[] digest;
    if (prehashed) {
      if (dataOrDigest.length != alg.digestLength()) {
        r.add(FailureCode.DIGEST_MISMATCH, "hash of " + dataOrDigest.length + " bytes but the signature is over "
            + alg.jcaName());
        return;
      }
      digest = dataOrDigest;
    } else {
      digest = Pkcs1.newMessageDigest(alg).digest(dataOrDigest);
    }
    if (!MessageDigest.isEqual(alg.digestInfo(digest), block)) {
      r.add(FailureCode.DIGEST_MISMATCH, "signature is over different data");
    }
  }

  /** Returns false only when {@code path} is FAST and the fast path does not apply. */
  private boolean cmsInto(byte[] input, byte @Nullable [] detached, List<X509Certificate> extra, Instant at,
      ResultBuilder r, CmsPath path) {
    CMSSignedData sd;
    byte[] content;
    try {
      int maxCmsBytes = validator.limits().maxCmsBytes();
      if (input.length > maxCmsBytes) {
        throw new BadInputException("CMS", -1, input.length + " bytes exceeds the limit of " + maxCmsBytes);
      }
      byte[] der = Pem.toDer(input, "CMS", "CMS", "PKCS7", "PKCS #7 SIGNED DATA");
      // element count and depth bound what BouncyCastle builds from the input (JPKI-2026-003)
      DerStructure.check(der, "CMS", validator.limits().maxDerDepth(), true, validator.limits().maxCmsElements());
      if (path != CmsPath.GENERAL && fastCms(der, detached, extra, at, r)) {
        return true;
      }
      if (path == CmsPath.FAST) {
        return false;
      }
      sd = detached != null ? new CMSSignedData(new CMSProcessableByteArray(detached), der) : new CMSSignedData(der);
      // BouncyCastle reads the content as SignedData whatever the ContentInfo says; a strict reader (and
      // this library's fast path) refuses a structure that does not call itself SignedData (RFC 5652 §5.1)
      if (!PKCSObjectIdentifiers.signedData.equals(sd.toASN1Structure().getContentType())) {
        throw new BadInputException("CMS", 0, "the ContentInfo's content type is not SignedData");
      }
      if (detached != null) {
        content = detached;
      } else {
        CMSTypedData signed = sd.getSignedContent();
        Object c = signed == null ? null : signed.getContent();
        if (!(c instanceof byte[] bytes)) {
          r.add(FailureCode.CMS_PROFILE, "no encapsulated content: a detached signature needs its content");
          return true;
        }
        content = bytes;
      }
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, e.getMessage());
      return true;
    } catch (Exception e) {
      r.add(FailureCode.MALFORMED_INPUT, "not a CMS SignedData structure (" + e.getClass().getSimpleName() + ")");
      return true;
    }
    Collection<SignerInformation> signers = sd.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      r.add(FailureCode.CMS_PROFILE, "exactly one signer is supported, found " + signers.size());
      return true;
    }
    SignerInformation si = signers.iterator().next();
    AttributeTable attrs = si.getSignedAttributes();
    if (attrs == null) {
      r.add(FailureCode.CMS_PROFILE, "no signed attributes (content-type and messageDigest are required)");
      return true;
    }
    // content-type (RFC 5652 §11.1) must be present once and equal eContentType
    ASN1Encodable ct = single(attrs, CMSAttributes.contentType, "content-type", r);
    if (ct == null) {
      return true;
    }
    if (!(ct instanceof ASN1ObjectIdentifier) || !ct.equals(new ASN1ObjectIdentifier(sd.getSignedContentTypeOID()))) {
      r.add(FailureCode.CMS_PROFILE, "content-type attribute does not match the encapsulated content type");
      return true;
    }
    ASN1Encodable md = single(attrs, CMSAttributes.messageDigest, "messageDigest", r);
    if (md == null) {
      return true;
    }
    HashAlgorithm alg = Pkcs1.ofOid(si.getDigestAlgOID());
    if (alg == null || !validator.profile().digestAlgorithms().contains(alg.oid())) {
      r.add(FailureCode.WEAK_ALGORITHM, "digest algorithm " + si.getDigestAlgOID() + " is not accepted");
      return true;
    }
    // BouncyCastle verifies with whatever signatureAlgorithm names, so a SHA-256 digestAlgorithm next to
    // md5WithRSA would let a collision-prone hash sign the attributes (SECURITY.md, JPKI-2026-001)
    if (!signatureAlgorithmMatches(si.toASN1Structure().getDigestEncryptionAlgorithm(), alg)) {
      r.add(FailureCode.WEAK_ALGORITHM, "signature algorithm " + si.getEncryptionAlgOID()
          + " does not match the digest algorithm " + alg.jcaName() + " or is not accepted");
      return true;
    }
    byte[] claimed;
    try {
      claimed = ASN1OctetString.getInstance(md).getOctets();
    } catch (RuntimeException e) {
      r.add(FailureCode.CMS_PROFILE, "messageDigest attribute is not an OCTET STRING");
      return true;
    }
    if (!MessageDigest.isEqual(claimed, Pkcs1.newMessageDigest(alg).digest(content))) {
      r.add(FailureCode.DIGEST_MISMATCH, "messageDigest does not match the content");
    }
    Instant signingTime = null;
    Attribute st = attrs.get(new ASN1ObjectIdentifier(OID_SIGNING_TIME));
    if (st != null) {
      try {
        if (st.getAttrValues().size() != 1) {
          throw new IllegalArgumentException("several values");
        }
        signingTime = Time.getInstance(st.getAttrValues().getObjectAt(0)).getDate().toInstant();
        r.signingTime(signingTime);
      } catch (RuntimeException e) {
        r.add(FailureCode.CMS_PROFILE, "signingTime attribute is malformed");
      }
    }
    // signer certificate: from the structure and the caller's certificates, matched by SignerIdentifier
    List<X509Certificate> candidates = new ArrayList<>(extra);
    X509Certificate signer = null;
    try {
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      @SuppressWarnings("unchecked")
      Store<X509CertificateHolder> store = sd.getCertificates();
      Collection<X509CertificateHolder> carried = store.getMatches(null);
      if (carried.size() > validator.limits().maxCmsCertificates()) {
        // each carried certificate is parsed and may be tried as an issuer (JPKI-2026-002)
        r.add(FailureCode.CMS_PROFILE, "the structure carries " + carried.size()
            + " certificates, more than the limit of " + validator.limits().maxCmsCertificates());
        return true;
      }
      for (X509CertificateHolder h : carried) {
        X509Certificate c = conv.getCertificate(h);
        candidates.add(c);
        if (signer == null && si.getSID().match(h)) {
          signer = c;
        }
      }
      if (signer == null) {
        for (X509Certificate c : extra) {
          if (si.getSID().match(new X509CertificateHolder(c.getEncoded()))) {
            signer = c;
            break;
          }
        }
      }
    } catch (Exception e) {
      r.add(FailureCode.MALFORMED_INPUT, "a certificate in the CMS structure is malformed");
      return true;
    }
    if (signer == null) {
      r.add(FailureCode.SIGNER_CERTIFICATE_NOT_FOUND, "signer certificate not in the structure nor supplied");
      return true;
    }
    if (signingTime != null && (signingTime.isBefore(signer.getNotBefore().toInstant())
        || signingTime.isAfter(signer.getNotAfter().toInstant()))) {
      r.add(FailureCode.CMS_PROFILE, "signingTime lies outside the signer certificate's validity");
    }
    if (validator.limits().rsaKeyRefusal(signer.getPublicKey()) != null) {
      // reported by the validator as WEAK_ALGORITHM; no RSA operation with a key above the limits
      candidates.remove(signer);
      r.merge(validator.validateAt(signer, candidates, certificateType, at));
      return true;
    }
    try {
      // build from the public key alone so BouncyCastle does not judge validity at signingTime itself
      JcaSimpleSignerInfoVerifierBuilder vb = new JcaSimpleSignerInfoVerifierBuilder();
      if (provider != null) {
        vb.setProvider(provider);
      }
      boolean ok = si.verify(vb.build(signer.getPublicKey()));
      if (!ok) {
        r.add(FailureCode.BAD_SIGNATURE, "signature over the signed attributes does not verify");
      }
    } catch (CMSSignerDigestMismatchException e) {
      // already reported as DIGEST_MISMATCH by the explicit messageDigest check above
      log.trace("BouncyCastle confirms the digest mismatch");
    } catch (Exception e) {
      r.add(FailureCode.BAD_SIGNATURE, "signature could not be verified (" + e.getClass().getSimpleName() + ")");
    }
    candidates.remove(signer);
    r.merge(validator.validateAt(signer, candidates, certificateType, at));
    return true;
  }

  /**
   * The common case without BouncyCastle's object model: a SignedData (DER, or BER around a DER SignerInfo) of one signer with
   * content-type, messageDigest and optionally signingTime and cmsAlgorithmProtection (RFC 6211) as signed
   * attributes, an RSA PKCS#1 v1.5 signature, and the signer certificate carried or supplied. It reads the
   * structure in place ({@link CmsDer}), hashes the content and the signed attributes itself and checks the
   * signature with one RSA public operation. A stack profile of the general path's work (BouncyCastle's
   * parse and verify) shows most of its time in ASN.1 parsing and re-encoding around the one RSA
   * operation (benchmarks/results/profile-cms.txt).
   *
   * <p>Returns false, having added nothing to {@code r}, for anything else and for anything that does
   * not verify: the general path then decides and names the failure. So this path only ever accepts, and
   * it accepts only what the general path accepts: the same attribute rules, byte-for-byte equality where
   * the general path compares values, and only attributes already in DER (the general path re-encodes
   * them before checking the signature).
   */
  private boolean fastCms(byte[] der, byte @Nullable [] detached, List<X509Certificate> extra, Instant at,
      ResultBuilder r) {
    CmsDer c = CmsDer.parse(der);
    if (c == null || (detached == null) != c.hasContent()) {
      return false;
    }
    if (c.digestAlgHasParams() || c.sigAlgHasParams()) {
      return false;
    }
    HashAlgorithm alg;
    String sigOid;
    try {
      alg = Pkcs1.ofOid(Oids.toDotted(der, c.digestOidOff(), c.digestOidLen()));
      sigOid = Oids.toDotted(der, c.sigOidOff(), c.sigOidLen());
    } catch (BadInputException e) {
      return false;
    }
    if (alg == null || !validator.profile().digestAlgorithms().contains(alg.oid())
        || !(sigOid.equals(OID_RSA_ENCRYPTION) || sigOid.equals(pkcs1Oid(alg)))) {
      return false;
    }
    // signed attributes: content-type and messageDigest once each, signingTime and cmsAlgorithmProtection
    // at most once, nothing else (another attribute may carry rules of its own: the general path knows them)
    int contentType = -1;
    int messageDigest = -1;
    int signingTime = -1;
    int protection = -1;
    for (int i = 0; i < c.attributes.size(); i++) {
      int[] a = c.attributes.get(i);
      int which = attributeIndex(der, a[0], a[1]);
      if (which < 0 || !singleValue(der, a[2], a[3])) {
        return false;
      }
      switch (which) {
        case 0 -> {
          if (contentType >= 0) {
            return false;
          }
          contentType = i;
        }
        case 1 -> {
          if (messageDigest >= 0) {
            return false;
          }
          messageDigest = i;
        }
        case 2 -> {
          if (signingTime >= 0) {
            return false;
          }
          signingTime = i;
        }
        default -> {
          if (protection >= 0) {
            return false;
          }
          protection = i;
        }
      }
    }
    if (contentType < 0 || messageDigest < 0) {
      return false;
    }
    int[] ct = c.attributes.get(contentType);
    int ctHeader = der[ct[2]] & 0xFF;
    if (ctHeader != 0x06 || !CmsDer.rangeEquals(der, ct[2] + 2, ct[3] - ct[2] - 2, der, c.contentTypeOff(),
        c.contentTypeLen()) || (der[ct[2] + 1] & 0xFF) != c.contentTypeLen()) {
      return false;
    }
    int[] md = c.attributes.get(messageDigest);
    if ((der[md[2]] & 0xFF) != 0x04 || (der[md[2] + 1] & 0xFF) != alg.digestLength()
        || md[3] - md[2] - 2 != alg.digestLength()) {
      return false;
    }
    MessageDigest h = Pkcs1.newMessageDigest(alg);
    if (detached != null) {
      h.update(detached);
    } else {
      for (int[] chunk : c.contentChunks) {
        h.update(der, chunk[0], chunk[1]);
      }
    }
    byte[] contentHash = h.digest();
    if (!CmsDer.rangeEquals(contentHash, 0, contentHash.length, der, md[2] + 2, alg.digestLength())) {
      return false;
    }
    if (protection >= 0 && !protectionMatches(der, c, c.attributes.get(protection))) {
      return false;
    }
    Instant time = null;
    if (signingTime >= 0) {
      int[] st = c.attributes.get(signingTime);
      int tag = der[st[2]] & 0xFF;
      int len = der[st[2] + 1] & 0xFF;
      if (len >= 0x80) {
        return false;
      }
      try {
        time = DerTime.parse(der, st[2] + 2, len, tag, "signingTime");
      } catch (BadInputException e) {
        return false;
      }
    }
    // the signer certificate: carried ones first, then the caller's, as the general path searches
    if (c.certificates.size() > validator.limits().maxCmsCertificates()) {
      return false;
    }
    List<X509Certificate> candidates = new ArrayList<>(extra.size() + c.certificates.size());
    candidates.addAll(extra);
    X509Certificate signer = null;
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (int[] cert : c.certificates) {
        X509Certificate x = (X509Certificate) cf.generateCertificate(
            new ByteArrayInputStream(der, cert[0], cert[1]));
        candidates.add(x);
        if (signer == null && sidMatches(c, x)) {
          signer = x;
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
    if (signer == null) {
      for (X509Certificate x : extra) {
        if (sidMatches(c, x)) {
          signer = x;
          break;
        }
      }
    }
    if (signer == null || validator.limits().rsaKeyRefusal(signer.getPublicKey()) != null) {
      return false;
    }
    // the signature covers the DER of the signed attributes as a SET (RFC 5652 §5.4): tag 31, not A0
    MessageDigest ah = Pkcs1.newMessageDigest(alg);
    ah.update((byte) 0x31);
    ah.update(der, c.signedAttrsOff() + 1, c.signedAttrsLen() - 1);
    byte[] sig = Arrays.copyOfRange(der, c.signatureOff(), c.signatureOff() + c.signatureLen());
    if (!Pkcs1.verifyDigestInfo(sig, signer.getPublicKey(), alg.digestInfo(ah.digest()), provider)) {
      return false;
    }
    if (time != null) {
      r.signingTime(time);
      if (time.isBefore(signer.getNotBefore().toInstant()) || time.isAfter(signer.getNotAfter().toInstant())) {
        r.add(FailureCode.CMS_PROFILE, "signingTime lies outside the signer certificate's validity");
      }
    }
    candidates.remove(signer);
    r.merge(validator.validateAt(signer, candidates, certificateType, at));
    return true;
  }

  private static final byte[][] FAST_ATTRIBUTES = {
      {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09, 0x03}, // contentType
      {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09, 0x04}, // messageDigest
      {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09, 0x05}, // signingTime
      {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09, 0x34}, // cmsAlgorithmProtection
  };

  /** Index in {@link #FAST_ATTRIBUTES}, or -1. */
  private static int attributeIndex(byte[] der, int off, int len) {
    for (int i = 0; i < FAST_ATTRIBUTES.length; i++) {
      if (CmsDer.rangeEquals(der, off, len, FAST_ATTRIBUTES[i], 0, FAST_ATTRIBUTES[i].length)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the values SET content {@code [off, end)} is exactly one element. */
  private static boolean singleValue(byte[] der, int off, int end) {
    DerCursor d = new DerCursor(der, off, "CMS");
    try {
      d.header(end, "attribute value");
      return d.valueEnd() == end;
    } catch (BadInputException e) {
      return false;
    }
  }

  /**
   * RFC 6211: the protected algorithms are byte-for-byte the SignerInfo's digestAlgorithm and, as [1],
   * its signatureAlgorithm (the general path compares them as values; equal bytes are equal values).
   */
  private static boolean protectionMatches(byte[] der, CmsDer c, int[] attr) {
    DerCursor d = new DerCursor(der, attr[2], "CMS");
    try {
      d.expect(0x30, attr[3], "CMSAlgorithmProtection");
      int end = d.valueEnd();
      d.expect(0x30, end, "digestAlgorithm");
      if (!CmsDer.rangeEquals(der, d.headerStart(), d.valueEnd() - d.headerStart(), der, c.digestAlgOff(),
          c.digestAlgLen())) {
        return false;
      }
      d.skip();
      d.expect(0xA1, end, "signatureAlgorithm");
      // [1] IMPLICIT AlgorithmIdentifier: same content as the SignerInfo's SEQUENCE, same length bytes
      if (!CmsDer.rangeEquals(der, d.headerStart() + 1, d.valueEnd() - d.headerStart() - 1, der, c.sigAlgOff() + 1,
          c.sigAlgLen() - 1)) {
        return false;
      }
      d.skip();
      return d.pos() == end;
    } catch (BadInputException e) {
      return false;
    }
  }

  /** SignerIdentifier against a certificate, byte-for-byte (the general path compares values). */
  private static boolean sidMatches(CmsDer c, X509Certificate x) {
    byte[] der = c.der;
    if (c.sidIsIssuerSerial()) {
      byte[] serial = x.getSerialNumber().toByteArray();
      if (!CmsDer.rangeEquals(der, c.sidValueOff(), c.sidValueLen(), serial, 0, serial.length)) {
        return false;
      }
      byte[] issuer = x.getIssuerX500Principal().getEncoded();
      return CmsDer.rangeEquals(der, c.sidIssuerOff(), c.sidIssuerLen(), issuer, 0, issuer.length);
    }
    byte[] ski = X509Ext.subjectKeyIdentifier(x);
    return ski != null && CmsDer.rangeEquals(der, c.sidValueOff(), c.sidValueLen(), ski, 0, ski.length);
  }

  private static String pkcs1Oid(HashAlgorithm digest) {
    return switch (digest) {
      case SHA1 -> OID_SHA1_WITH_RSA;
      case SHA224 -> OID_SHA224_WITH_RSA;
      case SHA256 -> JpkiProfile.SHA256_WITH_RSA;
      case SHA384 -> JpkiProfile.SHA384_WITH_RSA;
      case SHA512 -> JpkiProfile.SHA512_WITH_RSA;
    };
  }

  /**
   * Whether a SignerInfo's signatureAlgorithm is RSA with exactly the digest algorithm's hash: {@code
   * rsaEncryption}, {@code shaNNNWithRSAEncryption} of that hash, or RSASSA-PSS whose hash and MGF1 hash are
   * that hash, whose salt is the hash length and whose trailer is 1 (RFC 4055 §3.1; anything else lets a
   * weaker hash or odd parameters in).
   */
  static boolean signatureAlgorithmMatches(AlgorithmIdentifier sigAlg, HashAlgorithm digest) {
    String oid = sigAlg.getAlgorithm().getId();
    ASN1Encodable params = sigAlg.getParameters();
    boolean absentOrNull = params == null || DERNull.INSTANCE.equals(params.toASN1Primitive());
    String pkcs1 = pkcs1Oid(digest);
    if (oid.equals(OID_RSA_ENCRYPTION) || oid.equals(pkcs1)) {
      return absentOrNull;
    }
    if (!oid.equals(OID_RSASSA_PSS) || params == null) {
      return false;
    }
    try {
      RSASSAPSSparams pss = RSASSAPSSparams.getInstance(params);
      AlgorithmIdentifier mgf = pss.getMaskGenAlgorithm();
      return pss.getHashAlgorithm().getAlgorithm().getId().equals(digest.oid())
          && mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
          && AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm().getId().equals(digest.oid())
          && pss.getSaltLength().intValueExact() == digest.digestLength()
          && pss.getTrailerField().intValueExact() == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static @Nullable ASN1Encodable single(AttributeTable attrs, ASN1ObjectIdentifier oid, String name,
      ResultBuilder r) {
    if (attrs.getAll(oid).size() != 1) {
      r.add(FailureCode.CMS_PROFILE, name + " attribute must be present exactly once");
      return null;
    }
    Attribute a = attrs.get(oid);
    if (a == null || a.getAttrValues().size() != 1) {
      r.add(FailureCode.CMS_PROFILE, name + " attribute must have exactly one value");
      return null;
    }
    return a.getAttrValues().getObjectAt(0);
  }

  /** Builder of {@link SignatureVerifier}. */
  public static final class Builder {
    private final CertificateValidator validator;
    // documents are signed with the signature key; the authentication key is for login (JPKI-2026-004)
    private @Nullable KeyType certificateType = KeyType.SIGNATURE;
    private @Nullable Provider provider;

    private Builder(CertificateValidator validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Requires signer certificates of one type (default: {@link KeyType#SIGNATURE}).
     *
     * @param type SIGNATURE for documents, AUTHENTICATION for login
     * @return this builder
     */
    public Builder certificateType(KeyType type) {
      this.certificateType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Opts in to accepting signer certificates of either type. By default only signature certificates
     * (署名用) are accepted: the user-authentication certificate (利用者証明用) proves that someone holds
     * the card at login and carries no identity, so a signature made with its key is not a document
     * signature (docs/faq-flows.md). Use this only where an authentication-key signature over data is what
     * the protocol asks for.
     *
     * @return this builder
     */
    public Builder anyKeyType() {
      this.certificateType = null;
      return this;
    }

    /**
     * Sets the JCA provider for the signature checks: {@code RSA/ECB/PKCS1Padding} for raw signatures,
     * the SignerInfo's signature algorithm for CMS (e.g. an HSM's or a FIPS provider). Default: the
     * platform's preferred providers. The certificate chain is checked by the validator.
     *
     * @param provider the provider
     * @return this builder
     * @throws IllegalArgumentException if the provider has no {@code RSA/ECB/PKCS1Padding} cipher
     */
    public Builder provider(Provider provider) {
      Objects.requireNonNull(provider, "provider");
      Pkcs1.requireRsaCipher(provider);
      this.provider = provider;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     */
    public SignatureVerifier build() {
      return new SignatureVerifier(this);
    }
  }
}
