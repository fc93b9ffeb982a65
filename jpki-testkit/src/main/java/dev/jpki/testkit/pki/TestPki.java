// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.pki;

import dev.jpki.card.KeyType;
import dev.jpki.testkit.Persona;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JPKI-shaped test PKI: two J-LIS-shaped roots ({@code O=JPKI-TEST}, docs/card-protocol.md §9.1, §9.5), a "foreign"
 * root with the same DN but another key for each, an OCSP responder, the card-data CVC keys (docs/card-protocol.md §6.5)
 * and builders for leaf certificates, CRLs and OCSP responses.
 *
 * <p>Everything is deterministic: fixed keys (shipped resources, {@link TestKeys}), fixed serial numbers,
 * fixed validity dates and PKCS#1 v1.5 signatures, so the same PKI is built on every machine. The
 * default instance is built once per JVM ({@link #get()}); instances are immutable apart from the
 * record of serial numbers issued through {@link #leaf(KeyType)}, which only grows and only feeds the
 * OCSP responder's "good versus unknown" decision.
 *
 * <p>Time: certificates use fixed dates in JST (issue 10:00, expiry 23:59:59), so a check "at" {@link
 * #REFERENCE_TIME} sees every built-in persona's certificates valid except those of {@code expired}.
 * Thread-safe.
 */
public final class TestPki {
  private static final Logger log = LoggerFactory.getLogger(TestPki.class);

  /** The fixed "now" tests should validate at: 2026-11-27 12:00 JST. */
  public static final Instant REFERENCE_TIME = Instant.parse("2026-11-27T03:00:00Z");

  /** Japan Standard Time, the zone of every date the card and the certificates carry. */
  public static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  /**
   * The loopback port the default instance's certificates name for OCSP and CRL download ({@code
   * http://127.0.0.1:18763/ocsp}, {@code .../crl/sign.crl}); {@link TestOcspServer} serves both.
   */
  public static final int DEFAULT_REVOCATION_PORT = 18763;

  /** Validity start of the test roots: 2023-07-16 00:00 JST (like the 2023 J-LIS generation). */
  static final Instant ROOT_NOT_BEFORE = jst(2023, 7, 16, 0, 0, 0);

  /** Validity end of the test roots: 2033-07-15 23:59:59 JST. */
  static final Instant ROOT_NOT_AFTER = jst(2033, 7, 15, 23, 59, 59);

  /** Date of the built-in revocations of persona {@code revoked}: 2025-04-01 10:00 JST. */
  public static final Instant REVOKED_PERSONA_REVOCATION_TIME = jst(2025, 4, 1, 10, 0, 0);

  /** Persona number of the built-in persona {@code revoked} (see {@link #builtInPersonaSerial}). */
  public static final int REVOKED_PERSONA_NUMBER = 4;

  /** Built-in persona numbers with an authentication certificate (all six). */
  private static final int[] BUILT_IN_AUTH_PERSONAS = {1, 2, 3, 4, 5, 6};

  /** Built-in persona numbers with a signature certificate (not minor 2, not face-auth 3). */
  private static final int[] BUILT_IN_SIGN_PERSONAS = {1, 4, 5, 6};

  private static final Map<Integer, TestPki> BY_PORT = new ConcurrentHashMap<>();

  private static final class DefaultHolder {
    static final TestPki DEFAULT = forPort(DEFAULT_REVOCATION_PORT);
  }

  /** A CA: certificate and key pair. */
  record Ca(X509Certificate certificate, KeyPair keyPair) {}

  private final int port;
  private final Map<KeyType, Ca> roots = new EnumMap<>(KeyType.class);
  private final Map<KeyType, Ca> foreignRoots = new EnumMap<>(KeyType.class);
  private final Map<KeyType, Map<OcspSigner, X509Certificate>> responderCerts =
      new EnumMap<>(KeyType.class);
  private final Map<KeyType, Set<BigInteger>> issued = new EnumMap<>(KeyType.class);
  private final Map<KeyType, List<CrlEntry>> standardRevocations = new EnumMap<>(KeyType.class);
  private final CardDataKeys cardDataKeys;

  private TestPki(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    this.port = port;
    long t0 = System.nanoTime();
    KeyPair foreign = TestKeys.get("foreign-root");
    KeyPair ocsp = TestKeys.get("ocsp-responder");
    for (KeyType type : KeyType.values()) {
      KeyPair rootKey = TestKeys.get(CertProfiles.fileStem(type) + "-root");
      BigInteger serial = BigInteger.valueOf(type == KeyType.SIGNATURE ? 0x7E570001L : 0x7E570002L);
      roots.put(type, new Ca(root(type, rootKey, serial), rootKey));
      // Same DN, other key, other serial: "J-LIS roots share one DN, choose issuers by signature"
      // (docs/design.md), so a verifier that matches by name alone accepts this one and must not.
      BigInteger foreignSerial = serial.add(BigInteger.valueOf(0xF00));
      foreignRoots.put(type, new Ca(root(type, foreign, foreignSerial), foreign));
      issued.put(type, ConcurrentHashMap.newKeySet());
      standardRevocations.put(type, Collections.unmodifiableList(buildStandardRevocations(type)));
    }
    for (KeyType type : KeyType.values()) {
      Map<OcspSigner, X509Certificate> m = new EnumMap<>(OcspSigner.class);
      m.put(OcspSigner.AUTHORIZED_RESPONDER, responderCert(type, ocsp, Tlv.req(roots, type), true, 0x0C51));
      m.put(OcspSigner.RESPONDER_WITHOUT_OCSP_SIGNING,
          responderCert(type, ocsp, Tlv.req(roots, type), false, 0x0C52));
      m.put(OcspSigner.UNAUTHORIZED, responderCert(type, ocsp, Tlv.req(foreignRoots, type), true, 0x0C53));
      responderCerts.put(type, m);
    }
    this.cardDataKeys = new CardDataKeys();
    log.debug("Test PKI for port {} built in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * The default test PKI (certificates name {@link #DEFAULT_REVOCATION_PORT}), built once per JVM.
   *
   * @return the shared instance
   */
  public static TestPki get() {
    return DefaultHolder.DEFAULT;
  }

  /**
   * A test PKI whose certificates name another loopback port for OCSP and CRLs. Same keys, roots and
   * serial numbers as {@link #get()}; only the leaf certificates' AIA and CRL DP URIs differ. Cached
   * per port.
   *
   * @param port 1..65535
   * @return the instance for that port
   */
  public static TestPki forPort(int port) {
    return BY_PORT.computeIfAbsent(port, TestPki::new);
  }

  /**
   * The serial number of a built-in persona's certificate (see {@code dev.jpki.testkit.Personas}):
   * {@code 0x51000000 + n} for signature, {@code 0xA1000000 + n} for authentication certificates.
   *
   * @param type the certificate type
   * @param personaNumber the persona's number, 1..255
   * @return the serial
   */
  public static BigInteger builtInPersonaSerial(KeyType type, int personaNumber) {
    if (personaNumber < 1 || personaNumber > 255) {
      throw new IllegalArgumentException("persona number must be 1..255, was " + personaNumber);
    }
    return BigInteger.valueOf((type == KeyType.SIGNATURE ? 0x51000000L : 0xA1000000L) + personaNumber);
  }

  // ---------------------------------------------------------------- roots

  /**
   * The test root of a certificate type.
   *
   * @param type SIGN or AUTH
   * @return the self-signed root
   */
  public X509Certificate root(KeyType type) {
    return Tlv.req(roots, type).certificate();
  }

  /**
   * The signature-certificate root ({@code OU=JPKI for digital signature}).
   *
   * @return the root
   */
  public X509Certificate signRoot() {
    return root(KeyType.SIGNATURE);
  }

  /**
   * The user-authentication root ({@code OU=JPKI for user authentication}).
   *
   * @return the root
   */
  public X509Certificate authRoot() {
    return root(KeyType.AUTHENTICATION);
  }

  /**
   * A second root with exactly the same subject DN as {@link #root(KeyType)} but another key and serial
   * (negative tests: "foreign CA with the same DN").
   *
   * @param type SIGN or AUTH
   * @return the foreign root
   */
  public X509Certificate foreignRoot(KeyType type) {
    return Tlv.req(foreignRoots, type).certificate();
  }

  /**
   * The key pair of a test root (to sign custom CRLs, OCSP responses or certificates in tests).
   *
   * @param type SIGN or AUTH
   * @return the key pair
   */
  public KeyPair rootKeyPair(KeyType type) {
    return Tlv.req(roots, type).keyPair();
  }

  /**
   * The key pair of the foreign same-DN root.
   *
   * @param type SIGN or AUTH
   * @return the key pair
   */
  public KeyPair foreignRootKeyPair(KeyType type) {
    return Tlv.req(foreignRoots, type).keyPair();
  }

  Ca ca(KeyType type, boolean foreign) {
    return foreign ? Tlv.req(foreignRoots, type) : Tlv.req(roots, type);
  }

  // ---------------------------------------------------------------- URIs

  /**
   * The loopback port this instance's leaf certificates name.
   *
   * @return the port
   */
  public int revocationPort() {
    return port;
  }

  /**
   * The OCSP URI in the leaf certificates' AIA: {@code http://127.0.0.1:<port>/ocsp}.
   *
   * @return the URI
   */
  public URI ocspUri() {
    return URI.create("http://127.0.0.1:" + port + "/ocsp");
  }

  /**
   * The CRL URI in the leaf certificates' CRL DP: {@code http://127.0.0.1:<port>/crl/<sign|auth>.crl}.
   *
   * @param type SIGN or AUTH
   * @return the URI
   */
  public URI crlUri(KeyType type) {
    return URI.create("http://127.0.0.1:" + port + "/crl/" + CertProfiles.fileStem(type) + ".crl");
  }

  // ---------------------------------------------------------------- leaves

  /**
   * Starts a leaf certificate of the given type issued by this PKI's root (docs/card-protocol.md §9.2-§9.4), with the
   * defaults documented on {@link LeafCertificateBuilder}. Variants (expired, not yet valid, wrong key
   * usage, wrong policy, bad signature, foreign issuer) are builder calls.
   *
   * @param type SIGN or AUTH
   * @return a new builder
   */
  public LeafCertificateBuilder leaf(KeyType type) {
    return new LeafCertificateBuilder(this, type);
  }

  void recordIssued(KeyType type, BigInteger serial) {
    Tlv.req(issued, type).add(serial);
  }

  boolean wasIssued(KeyType type, BigInteger serial) {
    return isBuiltInPersonaSerial(type, serial)
        || serial.equals(LeafCertificateBuilder.defaultSerial(type))
        || Tlv.req(issued, type).contains(serial)
        || Tlv.req(standardRevocations, type).stream().anyMatch(r -> r.serial().equals(serial));
  }

  /**
   * Whether a serial belongs to a certificate of a built-in persona (see {@code
   * dev.jpki.testkit.Personas}): authentication certificates of personas 1-6, signature certificates
   * of personas 1, 4, 5 and 6 (2 {@code minor} and 3 {@code face-auth} have none). Known without
   * building the personas, so an OCSP server in another JVM ({@code ./jpki testkit ocsp}) answers
   * "good" for them.
   *
   * @param type SIGN or AUTH
   * @param serial the serial
   * @return true for a built-in persona's certificate
   */
  public static boolean isBuiltInPersonaSerial(KeyType type, BigInteger serial) {
    int[] numbers = type == KeyType.SIGNATURE ? BUILT_IN_SIGN_PERSONAS : BUILT_IN_AUTH_PERSONAS;
    for (int n : numbers) {
      if (builtInPersonaSerial(type, n).equals(serial)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- revocation

  /**
   * The standard revocation list of a root: persona {@code revoked}'s certificate (keyCompromise at
   * {@link #REVOKED_PERSONA_REVOCATION_TIME}) plus filler entries for other, never-issued serials with
   * every JPKI reason (docs/card-protocol.md §9.6): affiliationChanged (signature CRL only, name/address change),
   * superseded, keyCompromise, cessationOfOperation, certificateHold and one without a reason code.
   *
   * @param type SIGN or AUTH
   * @return an unmodifiable list, persona entry first
   */
  public List<CrlEntry> standardRevocations(KeyType type) {
    return Tlv.req(standardRevocations, type);
  }

  /**
   * Looks a serial up in the standard revocation list.
   *
   * @param type SIGN or AUTH
   * @param serial the serial
   * @return the revocation, or empty if the serial is not revoked
   */
  public Optional<CrlEntry> standardRevocation(KeyType type, BigInteger serial) {
    return Tlv.req(standardRevocations, type).stream().filter(r -> r.serial().equals(serial)).findFirst();
  }

  /**
   * A fresh standard CRL at a time: {@code thisUpdate = at - 1 h}, {@code nextUpdate = at + 23 h},
   * with the {@link #standardRevocations(KeyType) standard entries}, signed by the root.
   *
   * @param type SIGN or AUTH
   * @param at the time the CRL must be fresh at
   * @return the CRL
   */
  public X509CRL crl(KeyType type, Instant at) {
    return crlBuilder(type).fresh(at).standardEntries().build();
  }

  /**
   * Starts a custom CRL (stale, wrong signer, extra entries ...).
   *
   * @param type SIGN or AUTH
   * @return a new builder
   */
  public CrlBuilder crlBuilder(KeyType type) {
    return new CrlBuilder(this, type);
  }

  /**
   * Starts a streaming generator for CRLs with millions of entries (benchmarks).
   *
   * @param type SIGN or AUTH
   * @return a new generator
   */
  public LargeCrlWriter largeCrl(KeyType type) {
    return new LargeCrlWriter(this, type);
  }

  /**
   * The default OCSP responder: signs with the authorized responder certificate, answers from the
   * standard revocation list, "good" for the built-in personas' certificates, the default builder
   * leaf and every serial issued through this instance in this JVM, and "unknown" for others.
   *
   * @return the responder
   */
  public TestOcspResponder ocspResponder() {
    return TestOcspResponder.builder(this).build();
  }

  /**
   * An OCSP responder certificate issued for a root.
   *
   * @param type SIGN or AUTH
   * @param signer {@link OcspSigner#AUTHORIZED_RESPONDER}, {@link
   *     OcspSigner#RESPONDER_WITHOUT_OCSP_SIGNING} or {@link OcspSigner#UNAUTHORIZED}
   * @return the certificate
   * @throws IllegalArgumentException for {@link OcspSigner#CA}, which signs with the root itself
   */
  public X509Certificate ocspResponderCertificate(KeyType type, OcspSigner signer) {
    X509Certificate c = Tlv.req(responderCerts, type).get(signer);
    if (c == null) {
      throw new IllegalArgumentException("OcspSigner.CA signs with the root key, it has no own cert");
    }
    return c;
  }

  /**
   * The OCSP responder key pair (shared by the three responder certificates).
   *
   * @return the key pair
   */
  public KeyPair ocspResponderKeyPair() {
    return TestKeys.get("ocsp-responder");
  }

  // ---------------------------------------------------------------- card data (docs/card-protocol.md §6.5, §7.3)

  /**
   * The test CA key {@code 6000033/001} that signs the text AP's CVC (EF 0004). A verifier holds it
   * out of band, like the production {@code 5000033} (docs/card-protocol.md §6.5: never from the card).
   *
   * @return the public key
   */
  public RSAPublicKey textApCvcCaPublicKey() {
    return cardDataKeys.textCa.publicKey();
  }

  /**
   * The test CA key {@code 6000023/001} that signs the visual AP's CVC (EF 0004).
   *
   * @return the public key
   */
  public RSAPublicKey visualApCvcCaPublicKey() {
    return cardDataKeys.visualCa.publicKey();
  }

  /**
   * The key the text AP CVC certifies (subject key id {@code 1310131/000}); it signs EF 0003
   * and EF 0007 (docs/card-protocol.md §6.4, §6.7). Verifiers should take it from a CVC they checked against {@link
   * #textApCvcCaPublicKey()}; it is exposed for tests.
   *
   * @return the public key
   */
  public RSAPublicKey textApIssuerPublicKey() {
    return cardDataKeys.textIssuer.publicKey();
  }

  /**
   * The key the visual AP CVC certifies (subject key id {@code 1310121/000}); it signs EF 0001, DF28 of EF 0002 and EF 0005 (docs/card-protocol.md §7.3).
   *
   * @return the public key
   */
  public RSAPublicKey visualApIssuerPublicKey() {
    return cardDataKeys.visualIssuer.publicKey();
  }

  /**
   * The text AP's card-verifiable certificate, EF 0004 content (568 bytes, docs/card-protocol.md §6.5).
   *
   * @return a copy
   */
  public byte[] textApCvc() {
    return cardDataKeys.textCvc.clone();
  }

  /**
   * The visual AP's card-verifiable certificate, EF 0004 content (568 bytes, docs/card-protocol.md §6.5, §7.1).
   *
   * @return a copy
   */
  public byte[] visualApCvc() {
    return cardDataKeys.visualCvc.clone();
  }

  CardDataKeys cardDataKeys() {
    return cardDataKeys;
  }

  // ---------------------------------------------------------------- export

  /**
   * Writes a persona's PKI for tools outside the JVM (docs/cli.md {@code testkit pki}): {@code
   * sign-root.pem}, {@code auth-root.pem}, {@code sign.crl} and {@code auth.crl} (DER, fresh now), {@code
   * auth.pem} and, when the persona has one, {@code sign.pem}.
   *
   * @param dir the directory, created if missing
   * @param persona the persona whose leaf certificates to write
   * @return the files written
   * @throws IOException if writing fails
   */
  public List<Path> export(Path dir, Persona persona) throws IOException {
    return export(dir, persona, Instant.now());
  }

  /**
   * Same as {@link #export(Path, Persona)} with CRLs fresh at a given time.
   *
   * @param dir the directory, created if missing
   * @param persona the persona
   * @param crlTime the time the CRLs must be fresh at
   * @return the files written
   * @throws IOException if writing fails
   */
  public List<Path> export(Path dir, Persona persona, Instant crlTime) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    try {
      out.add(write(dir.resolve("sign-root.pem"), pem(signRoot())));
      out.add(write(dir.resolve("auth-root.pem"), pem(authRoot())));
      out.add(write(dir.resolve("sign.crl"), crl(KeyType.SIGNATURE, crlTime).getEncoded()));
      out.add(write(dir.resolve("auth.crl"), crl(KeyType.AUTHENTICATION, crlTime).getEncoded()));
      out.add(write(dir.resolve("auth.pem"), pem(persona.authCertificate())));
      Optional<X509Certificate> sign = persona.signCertificate();
      if (sign.isPresent()) {
        out.add(write(dir.resolve("sign.pem"), pem(sign.get())));
      }
    } catch (CertificateEncodingException | CRLException e) {
      throw new IllegalStateException("cannot encode test PKI objects", e);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * PEM text of a certificate ({@code -----BEGIN CERTIFICATE-----}, 64-column Base64).
   *
   * @param certificate the certificate
   * @return the PEM as US-ASCII bytes
   * @throws CertificateEncodingException if the certificate cannot be encoded
   */
  public static byte[] pem(X509Certificate certificate) throws CertificateEncodingException {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
    return ("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static Path write(Path file, byte[] data) throws IOException {
    Files.write(file, data);
    return file;
  }

  @Override
  public String toString() {
    return "TestPki[port=" + port + "]";
  }

  // ---------------------------------------------------------------- construction helpers

  static Instant jst(int y, int mo, int d, int h, int mi, int s) {
    return LocalDateTime.of(y, mo, d, h, mi, s).atZone(JST).toInstant();
  }

  /** {@code C=JP, O=JPKI-TEST, OU=<type OU>, OU=Japan Agency for Local Authority Information Systems}. */
  static X500Name rootDn(KeyType type) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "JP")
        .addRDN(BCStyle.O, "JPKI-TEST")
        .addRDN(BCStyle.OU, CertProfiles.organizationalUnit(type))
        .addRDN(BCStyle.OU, "Japan Agency for Local Authority Information Systems")
        .build();
  }

  /** Root SAN DirName (docs/card-protocol.md §9.5). */
  private static X500Name rootAltName(KeyType type) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "JP")
        .addRDN(BCStyle.O, "公的個人認証サービス")
        .addRDN(BCStyle.OU, CertProfiles.japaneseUnit(type))
        .addRDN(BCStyle.OU, "地方公共団体情報システム機構")
        .build();
  }

  private static X509Certificate root(KeyType type, KeyPair key, BigInteger serial) {
    try {
      X500Name dn = rootDn(type);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              dn,
              serial,
              java.util.Date.from(ROOT_NOT_BEFORE),
              java.util.Date.from(ROOT_NOT_AFTER),
              dn,
              key.getPublic());
      // docs/card-protocol.md §9.5: keyUsage critical keyCertSign+cRLSign; basicConstraints critical CA:TRUE; SKI;
      // SAN DirName; CRL DP = DirName equal to the CA's own subject.
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(rootAltName(type))));
      b.addExtension(
          Extension.cRLDistributionPoints,
          false,
          new CRLDistPoint(
              new DistributionPoint[] {
                new DistributionPoint(
                    new DistributionPointName(new GeneralNames(new GeneralName(dn))), null, null)
              }));
      return Certs.sign(b, key.getPrivate());
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot build test root", e);
    }
  }

  private static X509Certificate responderCert(
      KeyType type, KeyPair responder, Ca issuer, boolean ocspSigningEku, int serial) {
    try {
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.C, "JP")
              .addRDN(BCStyle.O, "JPKI-TEST")
              .addRDN(BCStyle.OU, CertProfiles.organizationalUnit(type))
              .addRDN(BCStyle.CN, ocspSigningEku ? "Test OCSP Responder" : "Test OCSP Responder (no EKU)")
              .build();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer.certificate(),
              BigInteger.valueOf(serial + (type == KeyType.SIGNATURE ? 0 : 0x100)),
              java.util.Date.from(jst(2024, 1, 1, 0, 0, 0)),
              java.util.Date.from(jst(2030, 12, 31, 23, 59, 59)),
              subject,
              responder.getPublic());
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      if (ocspSigningEku) {
        b.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
      }
      // RFC 6960 §4.2.2.2.1: responders are not checked for revocation themselves.
      b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(issuer.certificate()));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(responder.getPublic()));
      return Certs.sign(b, issuer.keyPair().getPrivate());
    } catch (java.io.IOException
        | java.security.NoSuchAlgorithmException
        | CertificateEncodingException e) {
      throw new IllegalStateException("cannot build OCSP responder certificate", e);
    }
  }

  private static List<CrlEntry> buildStandardRevocations(KeyType type) {
    List<CrlEntry> list = new ArrayList<>();
    list.add(
        new CrlEntry(
            builtInPersonaSerial(type, REVOKED_PERSONA_NUMBER),
            REVOKED_PERSONA_REVOCATION_TIME,
            CRLReason.KEY_COMPROMISE));
    long base = type == KeyType.SIGNATURE ? 0x5F000000L : 0xAF000000L;
    CRLReason[] reasons = {
      CRLReason.AFFILIATION_CHANGED,
      CRLReason.SUPERSEDED,
      CRLReason.KEY_COMPROMISE,
      CRLReason.CESSATION_OF_OPERATION,
      CRLReason.CERTIFICATE_HOLD,
      CRLReason.UNSPECIFIED
    };
    for (int i = 0; i < reasons.length; i++) {
      // docs/card-protocol.md §9.6: auth certificates do not lapse on moving or renaming, so no affiliationChanged.
      if (type == KeyType.AUTHENTICATION && reasons[i] == CRLReason.AFFILIATION_CHANGED) {
        continue;
      }
      list.add(
          new CrlEntry(
              BigInteger.valueOf(base + i + 1), jst(2024, 7 + i, 1, 10, 0, 0), reasons[i]));
    }
    return list;
  }

  /** Keys and CVCs of the card-data hierarchy (docs/card-protocol.md §6.5). */
  static final class CardDataKeys {
    /** Issuer key id of the text AP CVC: test hierarchy {@code 6000033/001} (docs/card-protocol.md §6.5). */
    static final CvcKeyId TEXT_CA_ID = CvcKeyId.of("6000033", "001");

    /** Issuer key id of the visual AP CVC: {@code 6000023/001}. */
    static final CvcKeyId VISUAL_CA_ID = CvcKeyId.of("6000023", "001");

    /**
     * Subject key id of the text AP CVC: municipality 13101 (Chiyoda-ku) + {@code 31}. Our choice,
     * after the visual-AP pattern seen on a test card ({@code 1322121/000}, docs/card-protocol.md §6.5).
     */
    static final CvcKeyId TEXT_ISSUER_ID = CvcKeyId.of("1310131", "000");

    /** Subject key id of the visual AP CVC: municipality 13101 + {@code 21} (docs/card-protocol.md §6.5 pattern). */
    static final CvcKeyId VISUAL_ISSUER_ID = CvcKeyId.of("1310121", "000");

    final RsaKey textCa = new RsaKey(TestKeys.get("cvc-ca-text"));
    final RsaKey visualCa = new RsaKey(TestKeys.get("cvc-ca-visual"));
    final RsaKey textIssuer = new RsaKey(TestKeys.get("card-data-text"));
    final RsaKey visualIssuer = new RsaKey(TestKeys.get("card-data-visual"));
    final byte[] textCvc =
        Cvc.encode(TEXT_CA_ID, TEXT_ISSUER_ID, textIssuer.publicKey(), textCa.privateKey());
    final byte[] visualCvc =
        Cvc.encode(VISUAL_CA_ID, VISUAL_ISSUER_ID, visualIssuer.publicKey(), visualCa.privateKey());
  }

  /** An RSA key pair with typed accessors. */
  record RsaKey(KeyPair keyPair) {
    RSAPublicKey publicKey() {
      return (RSAPublicKey) keyPair.getPublic();
    }

    RSAPrivateKey privateKey() {
      return (RSAPrivateKey) keyPair.getPrivate();
    }
  }

}
