package dev.jpki.verify;

import dev.jpki.card.HashAlgorithm;
import dev.jpki.card.KeyType;
import dev.jpki.verify.internal.DerStructure;
import dev.jpki.verify.internal.Pem;
import dev.jpki.verify.internal.Pkcs1;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
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
 *     .revocation(Revocation.crlFile(Path.of("sign.crl")))
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
    Instant at = validator.clock().instant();
    VerificationResult.Builder r = VerificationResult.builder(at);
    try {
      cmsInto(cms, detachedContent, extraCertificates, at, r);
    } catch (RuntimeException e) {
      // a parser bug on hostile input must never turn into VALID
      r.add(FailureCode.MALFORMED_INPUT, "CMS could not be processed: " + e.getClass().getSimpleName());
    } catch (OutOfMemoryError | StackOverflowError e) {
      // the limits should make this unreachable; if a parser still runs out, the caller gets a verdict, not
      // an Error from deep inside BouncyCastle (JPKI-2026-003); the memory is free again once we return
      r = VerificationResult.builder(at);
      r.add(FailureCode.MALFORMED_INPUT, "CMS is too large or too deep to process (" + e.getClass().getSimpleName()
          + ")");
    }
    VerificationResult result = r.build();
    log.debug("CMS verification: {}", result.status());
    return result;
  }

  private VerificationResult raw(byte[] signature, byte[] dataOrDigest, boolean prehashed, X509Certificate signer,
      List<X509Certificate> chain, Instant at) {
    VerificationResult.Builder r = VerificationResult.builder(at);
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
      X509Certificate signer, VerificationResult.Builder r) {
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

  private void cmsInto(byte[] input, byte @Nullable [] detached, List<X509Certificate> extra, Instant at,
      VerificationResult.Builder r) {
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
      if (detached != null) {
        sd = new CMSSignedData(new CMSProcessableByteArray(detached), der);
        content = detached;
      } else {
        sd = new CMSSignedData(der);
        CMSTypedData signed = sd.getSignedContent();
        Object c = signed == null ? null : signed.getContent();
        if (!(c instanceof byte[] bytes)) {
          r.add(FailureCode.CMS_PROFILE, "no encapsulated content: a detached signature needs its content");
          return;
        }
        content = bytes;
      }
    } catch (BadInputException e) {
      r.add(FailureCode.MALFORMED_INPUT, e.getMessage());
      return;
    } catch (Exception e) {
      r.add(FailureCode.MALFORMED_INPUT, "not a CMS SignedData structure (" + e.getClass().getSimpleName() + ")");
      return;
    }
    Collection<SignerInformation> signers = sd.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      r.add(FailureCode.CMS_PROFILE, "exactly one signer is supported, found " + signers.size());
      return;
    }
    SignerInformation si = signers.iterator().next();
    AttributeTable attrs = si.getSignedAttributes();
    if (attrs == null) {
      r.add(FailureCode.CMS_PROFILE, "no signed attributes (content-type and messageDigest are required)");
      return;
    }
    // content-type (RFC 5652 §11.1) must be present once and equal eContentType
    ASN1Encodable ct = single(attrs, CMSAttributes.contentType, "content-type", r);
    if (ct == null) {
      return;
    }
    if (!(ct instanceof ASN1ObjectIdentifier) || !ct.equals(new ASN1ObjectIdentifier(sd.getSignedContentTypeOID()))) {
      r.add(FailureCode.CMS_PROFILE, "content-type attribute does not match the encapsulated content type");
      return;
    }
    ASN1Encodable md = single(attrs, CMSAttributes.messageDigest, "messageDigest", r);
    if (md == null) {
      return;
    }
    HashAlgorithm alg = Pkcs1.ofOid(si.getDigestAlgOID());
    if (alg == null || !validator.profile().digestAlgorithms().contains(alg.oid())) {
      r.add(FailureCode.WEAK_ALGORITHM, "digest algorithm " + si.getDigestAlgOID() + " is not accepted");
      return;
    }
    // BouncyCastle verifies with whatever signatureAlgorithm names, so a SHA-256 digestAlgorithm next to
    // md5WithRSA would let a collision-prone hash sign the attributes (SECURITY.md, JPKI-2026-001)
    if (!signatureAlgorithmMatches(si.toASN1Structure().getDigestEncryptionAlgorithm(), alg)) {
      r.add(FailureCode.WEAK_ALGORITHM, "signature algorithm " + si.getEncryptionAlgOID()
          + " does not match the digest algorithm " + alg.jcaName() + " or is not accepted");
      return;
    }
    byte[] claimed;
    try {
      claimed = ASN1OctetString.getInstance(md).getOctets();
    } catch (RuntimeException e) {
      r.add(FailureCode.CMS_PROFILE, "messageDigest attribute is not an OCTET STRING");
      return;
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
        return;
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
      return;
    }
    if (signer == null) {
      r.add(FailureCode.SIGNER_CERTIFICATE_NOT_FOUND, "signer certificate not in the structure nor supplied");
      return;
    }
    if (signingTime != null && (signingTime.isBefore(signer.getNotBefore().toInstant())
        || signingTime.isAfter(signer.getNotAfter().toInstant()))) {
      r.add(FailureCode.CMS_PROFILE, "signingTime lies outside the signer certificate's validity");
    }
    if (validator.limits().rsaKeyRefusal(signer.getPublicKey()) != null) {
      // reported by the validator as WEAK_ALGORITHM; no RSA operation with a key above the limits
      candidates.remove(signer);
      r.merge(validator.validateAt(signer, candidates, certificateType, at));
      return;
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
    String pkcs1 = switch (digest) {
      case SHA1 -> OID_SHA1_WITH_RSA;
      case SHA224 -> OID_SHA224_WITH_RSA;
      case SHA256 -> JpkiProfile.SHA256_WITH_RSA;
      case SHA384 -> JpkiProfile.SHA384_WITH_RSA;
      case SHA512 -> JpkiProfile.SHA512_WITH_RSA;
    };
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
      VerificationResult.Builder r) {
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
