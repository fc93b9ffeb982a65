// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.IssuedCertificate;
import dev.jpki.testkit.pki.TestOcspServer;
import dev.jpki.testkit.pki.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify}, {@code verify-cert} and {@code trust list} (docs/cli.md) in process, against the test
 * PKI exported to a temporary directory. Every check runs {@code --at} {@link TestPki#REFERENCE_TIME} with
 * CRLs fresh at that time, so the verdicts do not depend on the wall clock.
 */
class VerifyCommandsTest {
  private static final TestPki PKI = TestPki.get();
  private static final Instant REF = TestPki.REFERENCE_TIME;
  private static final String AT = REF.toString();
  private static final byte[] CONTENT = "契約書 v1: 100,000 JPY".getBytes(UTF_8);

  /** The pinned production roots (every J-LIS generation: 2015, 2019, 2023), see docs/trust-anchors.md. */
  private static final List<String> PRODUCTION_PINS = List.of(
      "19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355",
      "79679c33e4cc9319440f1ad120a597ff1844e2ef217063adb176966fd5e6fbeb",
      "d227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f",
      "0d98de47fc11b7f67126874b7028b6026a803d2638d6edfe53176953961fade6",
      "4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d",
      "64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5");

  @TempDir Path dir;

  // ------------------------------------------------------------------ fixtures

  /** Exports a persona's PKI (roots, CRLs fresh at REF, leaves) into its own subdirectory. */
  private Path pki(String persona) throws IOException {
    Path d = dir.resolve(persona);
    PKI.export(d, Personas.get(persona), REF);
    return d;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] raw(PrivateKey key, byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  /** CMS SignedData with content-type, messageDigest and signingTime = REF, and the signer certificate. */
  private static byte[] cms(X509Certificate cert, PrivateKey key, byte[] content, boolean attached) throws Exception {
    Hashtable<ASN1ObjectIdentifier, Attribute> attrs = new Hashtable<>();
    attrs.put(CMSAttributes.signingTime,
        new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(REF)))));
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(key), cert));
    gen.addCertificate(new JcaX509CertificateHolder(cert));
    return gen.generate(new CMSProcessableByteArray(content), attached).getEncoded();
  }

  private static X509Certificate signCert(String persona) {
    return Personas.get(persona).signCertificate().orElseThrow();
  }

  private static PrivateKey signKey(String persona) {
    return Personas.get(persona).signKeyPair().orElseThrow().getPrivate();
  }

  private static CliRunner.Result run(String... args) {
    return new CliRunner().run(args);
  }

  /** {@code --json verify ... --at REF} plus the given arguments. */
  private static CliRunner.Result verify(String... args) {
    List<String> a = new ArrayList<>(List.of("--json", "verify"));
    a.addAll(Arrays.asList(args));
    a.addAll(List.of("--at", AT));
    return run(a.toArray(new String[0]));
  }

  private static CliRunner.Result verifyCert(String... args) {
    List<String> a = new ArrayList<>(List.of("--json", "verify-cert"));
    a.addAll(Arrays.asList(args));
    a.addAll(List.of("--at", AT));
    return run(a.toArray(new String[0]));
  }

  private static List<String> codes(JsonNode verdict) {
    List<String> out = new ArrayList<>();
    verdict.get("reasons").forEach(r -> out.add(r.get("code").asText()));
    return out;
  }

  private static String s(Path p) {
    return p.toString();
  }

  private static int closedLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  // ------------------------------------------------------------------ raw signatures

  @Nested
  class RawSignatures {
    @Test
    void verify_rawSignatureOfDefaultPersona_validExit0() throws Exception {
      Path p = pki("default");
      Path sig = write("d.sig", raw(signKey("default"), CONTENT));
      Path data = write("d.txt", CONTENT);
      CliRunner.Result r = verify("--in", s(sig), "--data", s(data), "--cert", s(p.resolve("sign.pem")),
          "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
      JsonNode j = r.json();
      assertThat(j.get("status").asText()).isEqualTo("VALID");
      assertThat(j.get("reasons")).isEmpty();
      assertThat(j.get("format").asText()).isEqualTo("raw");
      assertThat(j.get("certificateType").asText()).isEqualTo("signature");
      assertThat(j.get("revocation").asText()).isEqualTo("configured");
      assertThat(j.get("verificationTime").asText()).isEqualTo(AT);
      assertThat(j.get("trustAnchor").get("sha256").asText())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PKI.signRoot().getEncoded())));
    }

    /** Issue 10 finding 4 (JPKI-2026-004): the authentication key does not sign documents by default. */
    @Test
    void verify_authKeyRawSignature_invalidAndExplainedByDefault_validOnlyWhenAsked() throws Exception {
      Path p = pki("default");
      Persona persona = Personas.get("default");
      Path sig = write("a.sig", raw(persona.authKeyPair().getPrivate(), CONTENT));
      String[] args = {"--in", s(sig), "--data", s(write("d", CONTENT)), "--cert",
          s(p.resolve("auth.pem")), "--trust", s(p.resolve("auth-root.pem")), "--crl", s(p.resolve("auth.crl"))};
      CliRunner.Result refused = verify(args);
      assertThat(refused.code()).as(refused.err()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(refused.json())).containsExactly("PROFILE");
      assertThat(refused.err()).contains("user-authentication certificate", "for login", "--allow-auth-signature");

      String[] allowed = Arrays.copyOf(args, args.length + 1);
      allowed[args.length] = "--allow-auth-signature";
      CliRunner.Result r = verify(allowed);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.json().get("certificateType").asText()).isEqualTo("authentication");
      assertThat(r.err()).doesNotContain("--allow-auth-signature");
    }

    @Test
    void verify_prehashedBinaryAndHex_valid() throws Exception {
      Path p = pki("default");
      Path sig = write("d.sig", raw(signKey("default"), CONTENT));
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(CONTENT);
      for (byte[] hashFile : List.of(hash, (HexFormat.of().formatHex(hash) + "\n").getBytes(UTF_8))) {
        CliRunner.Result r = verify("--in", s(sig), "--data", s(write("h", hashFile)), "--prehashed",
            "--cert", s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")),
            "--crl", s(p.resolve("sign.crl")));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("status").asText()).isEqualTo("VALID");
      }
    }

    @Test
    void verify_prehashedHashOfOtherData_invalidDigestMismatch() throws Exception {
      Path p = pki("default");
      Path sig = write("d.sig", raw(signKey("default"), CONTENT));
      byte[] other = MessageDigest.getInstance("SHA-256").digest("other".getBytes(UTF_8));
      CliRunner.Result r = verify("--in", s(sig), "--data", s(write("h", other)), "--prehashed",
          "--cert", s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("DIGEST_MISMATCH");
    }

    @Test
    void verify_tamperedData_invalidExit1() throws Exception {
      Path p = pki("default");
      Path sig = write("d.sig", raw(signKey("default"), CONTENT));
      byte[] tampered = CONTENT.clone();
      tampered[0] ^= 1;
      CliRunner.Result r = verify("--in", s(sig), "--data", s(write("t", tampered)), "--cert",
          s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(r.json().get("status").asText()).isEqualTo("INVALID");
      assertThat(codes(r.json())).contains("DIGEST_MISMATCH");
    }

    @Test
    void verify_signatureByAnotherKey_invalidBadSignature() throws Exception {
      Path p = pki("default");
      Path sig = write("d.sig", raw(signKey("revoked"), CONTENT));
      CliRunner.Result r = verify("--in", s(sig), "--data", s(write("d", CONTENT)), "--cert",
          s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("BAD_SIGNATURE");
    }

    @Test
    void verify_rawWithoutData_exit2() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verify("--in", s(write("s", new byte[256])), "--cert", s(p.resolve("sign.pem")),
          "--trust", s(p.resolve("sign-root.pem")));
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--data");
      assertThat(r.out()).isEmpty();
    }

    @Test
    void verify_prehashedWithoutCert_exit2() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verify("--in", s(write("s", new byte[10])), "--data", s(write("h", new byte[32])),
          "--prehashed", "--trust", s(p.resolve("sign-root.pem")));
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--prehashed");
    }

    @Test
    void verify_prehashedFileOfWrongLength_exit2() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verify("--in", s(write("s", new byte[256])), "--data", s(write("h", CONTENT)),
          "--prehashed", "--cert", s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")));
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--prehashed", "32 bytes");
    }
  }

  // ------------------------------------------------------------------ CMS

  @Nested
  class Cms {
    @Test
    void verify_detachedCms_validWithSigningTime() throws Exception {
      Path p = pki("default");
      Path sig = write("c.p7s", cms(signCert("default"), signKey("default"), CONTENT, false));
      CliRunner.Result r = verify("--in", s(sig), "--data", s(write("d", CONTENT)),
          "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = r.json();
      assertThat(j.get("status").asText()).isEqualTo("VALID");
      assertThat(j.get("format").asText()).isEqualTo("cms");
      assertThat(j.get("signingTime").asText()).isEqualTo(AT);
      assertThat(j.get("certificateType").asText()).isEqualTo("signature");
    }

    @Test
    void verify_attachedCmsWithoutData_valid() throws Exception {
      Path p = pki("default");
      Path sig = write("c.p7m", cms(signCert("default"), signKey("default"), CONTENT, true));
      CliRunner.Result r = verify("--in", s(sig), "--trust", s(p.resolve("sign-root.pem")),
          "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void verify_detachedCmsWithTamperedData_invalidExit1() throws Exception {
      Path p = pki("default");
      Path sig = write("c.p7s", cms(signCert("default"), signKey("default"), CONTENT, false));
      CliRunner.Result r = verify("--in", s(sig), "--data", s(write("d", "tampered".getBytes(UTF_8))),
          "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("DIGEST_MISMATCH");
    }

    @Test
    void verify_detachedCmsWithoutData_invalid() throws Exception {
      Path p = pki("default");
      Path sig = write("c.p7s", cms(signCert("default"), signKey("default"), CONTENT, false));
      CliRunner.Result r = verify("--in", s(sig), "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("CMS_PROFILE");
    }

    @Test
    void verify_garbageCms_invalidMalformedInputNeverValid() throws Exception {
      Path p = pki("default");
      byte[] garbage = new byte[300];
      new Random(7).nextBytes(garbage);
      for (byte[] sig : List.of(garbage, new byte[0], "-----BEGIN CMS-----\n%%%\n-----END CMS-----\n".getBytes(UTF_8))) {
        CliRunner.Result r = verify("--in", s(write("g", sig)), "--data", s(write("d", CONTENT)),
            "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.NEGATIVE);
        assertThat(codes(r.json())).containsExactly("MALFORMED_INPUT");
      }
    }

    @Test
    void verify_garbageRawSignature_neverValid() throws Exception {
      Path p = pki("default");
      byte[] garbage = new byte[256];
      new Random(8).nextBytes(garbage);
      CliRunner.Result r = verify("--in", s(write("g", garbage)), "--data", s(write("d", CONTENT)),
          "--cert", s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("BAD_SIGNATURE");
      CliRunner.Result pem = verify("--in", s(write("p", "-----BEGIN CMS-----\n".getBytes(UTF_8))),
          "--data", s(write("d", CONTENT)), "--cert", s(p.resolve("sign.pem")),
          "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(pem.code()).isEqualTo(ExitCode.USAGE);
      assertThat(pem.err()).contains("drop --cert");
    }

    @Test
    void verify_cmsSignedWithTheVirtualCard_valid() throws Exception {
      // end to end: what `jpki --virtual sign --format cms` writes, checked against `testkit pki` output
      Path p = dir.resolve("pki");
      assertThat(run("testkit", "pki", "--out", s(p)).code()).isZero();
      Path data = write("d", CONTENT);
      Path sig = dir.resolve("v.p7s");
      CliRunner.Result signed = new CliRunner().env("PW", "ABC123").run("--virtual", "--password-env", "PW",
          "sign", "--key", "sign", "--in", s(data), "--out", s(sig), "--format", "cms", "--detached");
      assertThat(signed.code()).as(signed.err()).isZero();
      CliRunner.Result r = run("--json", "verify", "--in", s(sig), "--data", s(data),
          "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.json().get("status").asText()).isEqualTo("VALID");
    }

    @Test
    void verify_rawSignedWithTheVirtualCard_valid() throws Exception {
      Path p = pki("default");
      Path data = write("d", CONTENT);
      Path sig = dir.resolve("v.sig");
      CliRunner.Result signed = new CliRunner().env("PIN", "1234").run("--virtual", "--pin-env", "PIN",
          "sign", "--key", "auth", "--in", s(data), "--out", s(sig));
      assertThat(signed.code()).as(signed.err()).isZero();
      CliRunner.Result r = verify("--in", s(sig), "--data", s(data), "--cert", s(p.resolve("auth.pem")),
          "--trust", s(p.resolve("auth-root.pem")), "--crl", s(p.resolve("auth.crl")), "--allow-auth-signature");
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  // ------------------------------------------------------------------ revocation and time

  @Nested
  class RevocationAndTime {
    @Test
    void verify_revokedPersonaWithCrl_invalidWithRevocationReason() throws Exception {
      Path p = pki("revoked");
      Path sig = write("r.p7s", cms(signCert("revoked"), signKey("revoked"), CONTENT, true));
      CliRunner.Result r = verify("--in", s(sig), "--trust", s(p.resolve("sign-root.pem")),
          "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      JsonNode reason = r.json().get("reasons").get(0);
      assertThat(reason.get("code").asText()).isEqualTo("REVOKED");
      assertThat(reason.get("revocationReason").asText()).isEqualTo("KEY_COMPROMISE");
      assertThat(reason.get("certificateIndex").asInt()).isZero();
    }

    @Test
    void verify_revokedPersonaWithNoRevocation_validAndSaysNotChecked() throws Exception {
      Path p = pki("revoked");
      Path sig = write("r.p7s", cms(signCert("revoked"), signKey("revoked"), CONTENT, true));
      CliRunner.Result r = verify("--in", s(sig), "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.json().get("revocation").asText()).isEqualTo("disabled");
    }

    @Test
    void verify_noRevocationTogetherWithCrl_exit2() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verify("--in", s(write("s", new byte[1])), "--trust", s(p.resolve("sign-root.pem")),
          "--no-revocation", "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--no-revocation");
    }

    @Test
    void verifyCert_crlOfTheOtherRoot_indeterminateNotValid() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verifyCert(s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")),
          "--crl", s(p.resolve("auth.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.INDETERMINATE);
      assertThat(codes(r.json())).containsExactly("REVOCATION_UNAVAILABLE");
      assertThat(r.json().get("nextStep").asText()).contains("--crl FILE", "--ocsp URL", "--no-revocation");
    }

    @Test
    void verify_expiredPersona_invalidExpired() throws Exception {
      Path p = pki("expired");
      Path sig = write("e.sig", raw(signKey("expired"), CONTENT));
      CliRunner.Result r = verify("--in", s(sig), "--data", s(write("d", CONTENT)), "--cert",
          s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("EXPIRED");
    }

    @Test
    void verify_atBeforeNotBefore_invalidNotYetValid() throws Exception {
      Path p = pki("default");
      Path sig = write("d.sig", raw(signKey("default"), CONTENT));
      CliRunner.Result r = run("--json", "verify", "--in", s(sig), "--data", s(write("d", CONTENT)), "--cert",
          s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")),
          "--at", "2024-05-31T00:00:00Z");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("NOT_YET_VALID");
      assertThat(r.json().get("verificationTime").asText()).isEqualTo("2024-05-31T00:00:00Z");
    }

    @Test
    void verify_atWithOffset_isTheSameInstant() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = run("--json", "verify-cert", s(p.resolve("sign.pem")), "--trust",
          s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")), "--at", "2026-11-27T12:00:00+09:00");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.json().get("verificationTime").asText()).isEqualTo(AT);
    }

    @Test
    void verifyCert_atAfterTheCrlsNextUpdate_indeterminateStaleCrl() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = run("--json", "verify-cert", s(p.resolve("sign.pem")), "--trust",
          s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")), "--at", "2027-06-01T00:00:00Z");
      assertThat(r.code()).isEqualTo(ExitCode.INDETERMINATE);
      assertThat(r.json().get("status").asText()).isEqualTo("INDETERMINATE");
      assertThat(r.json().get("reasons").get(0).get("message").asText()).contains("stale");
      assertThat(r.json().get("nextStep").asText()).contains("--crl", "--no-revocation");
    }

    @Test
    void verify_badAt_exit2() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = run("verify-cert", s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")),
          "--no-revocation", "--at", "yesterday");
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--at", "ISO-8601");
    }

    @Test
    void verify_revocationRequiredAndUnreachable_indeterminateExit3() throws Exception {
      int port = closedLoopbackPort();
      IssuedCertificate leaf = PKI.leaf(KeyType.SIGNATURE)
          .ocspUri(URI.create("http://127.0.0.1:" + port + "/ocsp"))
          .crlUri(URI.create("http://127.0.0.1:" + port + "/crl/sign.crl"))
          .build();
      Path p = pki("default");
      Path cert = write("leaf.pem", TestPki.pem(leaf.certificate()));
      Path sig = write("l.sig", raw(leaf.keyPair().getPrivate(), CONTENT));
      CliRunner.Result r = verify("--in", s(sig), "--data", s(write("d", CONTENT)), "--cert", s(cert),
          "--trust", s(p.resolve("sign-root.pem")));
      assertThat(r.code()).as(r.out()).isEqualTo(ExitCode.INDETERMINATE);
      JsonNode j = r.json();
      assertThat(j.get("status").asText()).isEqualTo("INDETERMINATE");
      assertThat(j.get("revocation").asText()).isEqualTo("certificate");
      assertThat(codes(j)).containsExactly("REVOCATION_UNAVAILABLE");
      assertThat(j.get("nextStep").asText())
          .contains("own CRL/OCSP addresses did not answer", "jpki testkit ocsp", "--no-revocation");
      // the same certificate with revocation switched off is VALID: the INDETERMINATE came from revocation
      CliRunner.Result off = verifyCert(s(cert), "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(off.code()).as(off.out()).isZero();
    }

    @Test
    void verifyCert_certificateWithoutAnyRevocationAddress_indeterminate() throws Exception {
      IssuedCertificate leaf = PKI.leaf(KeyType.AUTHENTICATION).withoutOcsp().withoutCrlDistributionPoint().build();
      Path p = pki("default");
      CliRunner.Result r = verifyCert(s(write("leaf.pem", TestPki.pem(leaf.certificate()))),
          "--trust", s(p.resolve("auth-root.pem")));
      assertThat(r.code()).isEqualTo(ExitCode.INDETERMINATE);
      assertThat(r.json().get("nextStep").asText()).contains("--crl", "--ocsp", "--no-revocation");
    }

    @Test
    void verify_ocspOption_validForDefaultAndRevokedForRevokedPersona() throws Exception {
      Path p = pki("revoked");
      try (TestOcspServer server = TestOcspServer.start(PKI, PKI.ocspResponder(), 0, Clock.fixed(REF, ZoneOffset.UTC))) {
        String ocsp = "http://127.0.0.1:" + server.port() + "/ocsp";
        Path good = write("g.p7s", cms(signCert("default"), signKey("default"), CONTENT, true));
        CliRunner.Result ok = verify("--in", s(good), "--trust", s(p.resolve("sign-root.pem")), "--ocsp", ocsp);
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.json().get("revocation").asText()).isEqualTo("configured");

        Path bad = write("r.p7s", cms(signCert("revoked"), signKey("revoked"), CONTENT, true));
        CliRunner.Result revoked = verify("--in", s(bad), "--trust", s(p.resolve("sign-root.pem")), "--ocsp", ocsp);
        assertThat(revoked.code()).isEqualTo(ExitCode.NEGATIVE);
        JsonNode reason = revoked.json().get("reasons").get(0);
        assertThat(reason.get("code").asText()).isEqualTo("REVOKED");
        assertThat(reason.get("revocationReason").asText()).isEqualTo("KEY_COMPROMISE");
        assertThat(server.ocspRequestCount()).isGreaterThanOrEqualTo(2);
      }
    }

    @Test
    void verifyCert_defaultRevocationUsesTheCertificatesOcspAddress_valid() throws Exception {
      try (TestOcspServer server = TestOcspServer.start(PKI, PKI.ocspResponder(), 0, Clock.fixed(REF, ZoneOffset.UTC))) {
        IssuedCertificate leaf = PKI.leaf(KeyType.SIGNATURE).ocspUri(server.ocspUri())
            .crlUri(server.crlUri(KeyType.SIGNATURE)).build();
        Path p = pki("default");
        CliRunner.Result r = verifyCert(s(write("leaf.pem", TestPki.pem(leaf.certificate()))),
            "--trust", s(p.resolve("sign-root.pem")));
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.json().get("revocation").asText()).isEqualTo("certificate");
        assertThat(server.ocspRequestCount()).isEqualTo(1);
      }
    }

    @Test
    void verify_crlUrl_valid() throws Exception {
      try (TestOcspServer server = TestOcspServer.start(PKI, PKI.ocspResponder(), 0, Clock.fixed(REF, ZoneOffset.UTC))) {
        Path p = pki("default");
        CliRunner.Result r = verifyCert(s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")),
            "--crl", server.crlUri(KeyType.SIGNATURE).toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(server.ocspRequestCount()).isZero();
      }
    }

    @Test
    void verify_badRevocationOptions_exit2() throws Exception {
      Path p = pki("default");
      Path garbageCrl = write("bad.crl", "not a CRL".getBytes(UTF_8));
      String[][] cases = {
        {"--crl", s(garbageCrl)},
        {"--crl", s(dir.resolve("missing.crl"))},
        {"--ocsp", "ftp://127.0.0.1/ocsp"},
        {"--ocsp", "http://"},
      };
      for (String[] c : cases) {
        CliRunner.Result r = verifyCert(s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")),
            c[0], c[1]);
        assertThat(r.code()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(c[0]);
        assertThat(r.out()).isEmpty();
      }
    }
  }

  // ------------------------------------------------------------------ trust anchors

  @Nested
  class Trust {
    @Test
    void verify_noTrustAnchorsNamed_exit2SayingHowToNameThem() throws Exception {
      Path p = pki("default");
      Path sig = write("c.p7s", cms(signCert("default"), signKey("default"), CONTENT, true));
      CliRunner.Result r = run("verify", "--in", s(sig), "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("name the trust anchors", "--trust", "--trust-production");
      assertThat(run("verify-cert", s(p.resolve("sign.pem")), "--no-revocation").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void verifyCert_testCertificateAgainstProductionRoots_invalidUntrustedIssuer() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verifyCert(s(p.resolve("sign.pem")), "--trust-production", "--no-revocation");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("UNTRUSTED_ISSUER");
      assertThat(r.json().has("trustAnchor")).isFalse();
    }

    @Test
    void verifyCert_testPolicyNextToProductionRoots_invalidPolicy() throws Exception {
      // test-hierarchy policies are accepted only when the anchors are exclusively --trust files
      Path p = pki("default");
      CliRunner.Result r = verifyCert(s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")),
          "--trust-production", "--no-revocation");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).containsExactly("POLICY");
    }

    @Test
    void verifyCert_foreignRootWithTheSameName_invalid() throws Exception {
      IssuedCertificate leaf = PKI.leaf(KeyType.SIGNATURE).issuedByForeignRoot().build();
      Path p = pki("default");
      CliRunner.Result r = verifyCert(s(write("f.pem", TestPki.pem(leaf.certificate()))),
          "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).contains("UNTRUSTED_ISSUER");
    }

    @Test
    void verifyCert_chainFileAndCertificateBundle_valid() throws Exception {
      // both roots in one --trust file; the leaf file carries a second, unrelated certificate
      Path p = pki("default");
      byte[] roots = concat(Files.readAllBytes(p.resolve("sign-root.pem")), Files.readAllBytes(p.resolve("auth-root.pem")));
      byte[] bundle = concat(Files.readAllBytes(p.resolve("auth.pem")), Files.readAllBytes(p.resolve("sign.pem")));
      CliRunner.Result r = verifyCert(s(write("bundle.pem", bundle)), "--trust", s(write("roots.pem", roots)),
          "--chain", s(p.resolve("sign.pem")), "--crl", s(p.resolve("auth.crl")));
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(r.json().get("certificateType").asText()).isEqualTo("authentication");
    }

    @Test
    void verifyCert_derCertificate_valid() throws Exception {
      Path p = pki("default");
      Path der = write("sign.der", signCert("default").getEncoded());
      CliRunner.Result r = verifyCert(s(der), "--trust", s(p.resolve("sign-root.pem")),
          "--crl", s(p.resolve("sign.crl")));
      assertThat(r.code()).as(r.out()).isZero();
    }

    @Test
    void verifyCert_garbageCertificate_invalidMalformedInput() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verifyCert(s(write("g.pem", "garbage".getBytes(UTF_8))),
          "--trust", s(p.resolve("sign-root.pem")), "--no-revocation");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(codes(r.json())).containsExactly("MALFORMED_INPUT");
    }

    @Test
    void verify_badTrustOrChainFile_exit2() throws Exception {
      Path p = pki("default");
      Path garbage = write("g.pem", "garbage".getBytes(UTF_8));
      // a leaf is not a CA: refusing it as an anchor keeps "trust" meaning a root
      for (String[] c : new String[][] {
          {"--trust", s(garbage)}, {"--trust", s(p.resolve("sign.pem"))}, {"--trust", s(dir.resolve("none"))}}) {
        CliRunner.Result r = verifyCert(s(p.resolve("sign.pem")), c[0], c[1], "--no-revocation");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--trust");
      }
      CliRunner.Result chain = verifyCert(s(p.resolve("sign.pem")), "--trust", s(p.resolve("sign-root.pem")),
          "--chain", s(garbage), "--no-revocation");
      assertThat(chain.code()).isEqualTo(ExitCode.USAGE);
      assertThat(chain.err()).contains("--chain");
    }

    @Test
    void trustList_production_listsTheSixPinnedRoots() {
      for (String[] args : new String[][] {{"--json", "trust", "list", "--trust-production"}, {"--json", "trust", "list"}}) {
        CliRunner.Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.isArray()).isTrue();
        List<String> pins = new ArrayList<>();
        j.forEach(a -> {
          pins.add(a.get("sha256").asText());
          assertThat(a.get("subject").asText()).contains("O=JPKI");
          assertThat(Instant.parse(a.get("notBefore").asText())).isBefore(Instant.parse(a.get("notAfter").asText()));
          assertThat(a.get("production").asBoolean()).isTrue();
        });
        assertThat(pins).containsExactlyInAnyOrderElementsOf(PRODUCTION_PINS);
      }
    }

    @Test
    void trustList_trustFiles_listsOnlyThem() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = run("--json", "trust", "list", "--trust", s(p.resolve("sign-root.pem")),
          "--trust", s(p.resolve("auth-root.pem")));
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = r.json();
      assertThat(j).hasSize(2);
      assertThat(j.get(0).get("subject").asText()).contains("O=JPKI-TEST");
      assertThat(j.get(0).get("production").asBoolean()).isFalse();
      assertThat(j.get(0).get("notBefore").asText()).isEqualTo(PKI.signRoot().getNotBefore().toInstant().toString());
    }

    @Test
    void trustList_text_showsSubjectsAndHashes() {
      CliRunner.Result r = run("trust", "list");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains(PRODUCTION_PINS.get(0), PRODUCTION_PINS.get(3), "pinned J-LIS production root");
    }
  }

  // ------------------------------------------------------------------ personal data

  @Nested
  class PersonalData {
    private final Persona hanako = Personas.get("default");

    private CliRunner.Result verifyDefault(Path p, byte[] data, String... extra) throws Exception {
      Path sig = write("c.p7s", cms(signCert("default"), signKey("default"), CONTENT, false));
      List<String> a = new ArrayList<>(List.of("verify", "--in", s(sig), "--data", s(write("d", data)),
          "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")), "--at", AT));
      a.addAll(Arrays.asList(extra));
      return run(a.toArray(new String[0]));
    }

    private void assertNoPersonalData(CliRunner.Result r) {
      String all = r.out() + r.err();
      assertThat(all).doesNotContain("花子", "霞が関", "1990-05-15", "female", "19900515");
    }

    @Test
    void verify_withoutShowPersonalData_noFourInfoInJsonOrText() throws Exception {
      Path p = pki("default");
      CliRunner.Result json = run("--json", "verify", "--in", s(write("c.p7s",
          cms(signCert("default"), signKey("default"), CONTENT, true))), "--trust", s(p.resolve("sign-root.pem")),
          "--crl", s(p.resolve("sign.crl")), "--at", AT);
      assertThat(json.code()).as(json.err()).isZero();
      assertThat(json.json().has("signer")).isFalse();
      assertNoPersonalData(json);
      CliRunner.Result text = verifyDefault(p, CONTENT);
      assertThat(text.code()).isZero();
      assertThat(text.out()).contains("VALID");
      assertNoPersonalData(text);
    }

    @Test
    void verify_showPersonalData_jsonHasTheSignersFourInfo() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verifyDefault(p, CONTENT, "--show-personal-data", "--json");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode signer = r.json().get("signer");
      assertThat(signer.get("name").asText()).isEqualTo(hanako.holder().name());
      assertThat(signer.get("address").asText()).isEqualTo(hanako.holder().address());
      assertThat(signer.get("birthDate").asText()).isEqualTo("1990-05-15");
      assertThat(signer.get("sex").asText()).isEqualTo("female");
      assertThat(signer.get("substitutedCharacters").asBoolean()).isFalse();
    }

    @Test
    void verify_showPersonalDataText_printsTheFourInfo() throws Exception {
      Path p = pki("default");
      CliRunner.Result r = verifyDefault(p, CONTENT, "--show-personal-data");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains(hanako.holder().name(), hanako.holder().address(), "1990-05-15", "female");
    }

    @Test
    void verify_showPersonalDataButInvalid_noFourInfo() throws Exception {
      Path p = pki("default");
      CliRunner.Result json = verifyDefault(p, "tampered".getBytes(UTF_8), "--show-personal-data", "--json");
      assertThat(json.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(json.json().has("signer")).isFalse();
      assertNoPersonalData(json);
      CliRunner.Result text = verifyDefault(p, "tampered".getBytes(UTF_8), "--show-personal-data");
      assertThat(text.out()).contains("not shown");
      assertNoPersonalData(text);
    }

    @Test
    void verify_invalidRevokedSigner_messagesCarryNoPersonalData() throws Exception {
      Path p = pki("revoked");
      Path sig = write("r.p7s", cms(signCert("revoked"), signKey("revoked"), CONTENT, true));
      CliRunner.Result r = run("verify", "--in", s(sig), "--trust", s(p.resolve("sign-root.pem")),
          "--crl", s(p.resolve("sign.crl")), "--at", AT, "--verbose");
      assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
      assertThat(r.out() + r.err()).doesNotContain("和子", "1985", "霞が関")
          .doesNotContain(signCert("revoked").getSubjectX500Principal().getName());
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void verify_help_exit0AndListsTheOptions() {
    CliRunner.Result r = run("verify", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--trust-production", "--no-revocation", "--show-personal-data", "--at");
    assertThat(run("trust", "list", "--help").code()).isZero();
  }

  @Test
  void verify_missingSignatureFile_exit2() throws Exception {
    Path p = pki("default");
    CliRunner.Result r = verify("--in", s(dir.resolve("nope.p7s")), "--trust", s(p.resolve("sign-root.pem")),
        "--no-revocation");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--in", "no such file");
  }

  @Test
  void verify_textMode_statusAndReasonsOnStdout() throws Exception {
    Path p = pki("expired");
    KeyPair kp = Personas.get("expired").signKeyPair().orElseThrow();
    CliRunner.Result r = run("verify", "--in", s(write("e.sig", raw(kp.getPrivate(), CONTENT))),
        "--data", s(write("d", CONTENT)), "--cert", s(p.resolve("sign.pem")),
        "--trust", s(p.resolve("sign-root.pem")), "--crl", s(p.resolve("sign.crl")), "--at", AT);
    assertThat(r.code()).isEqualTo(ExitCode.NEGATIVE);
    assertThat(r.out()).contains("Status:", "INVALID", "EXPIRED (certificate 0)", "Checked at:   " + AT);
  }
}
