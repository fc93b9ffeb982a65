// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.KeyType;
import dev.jpki.testkit.pki.JpkiOids;
import dev.jpki.testkit.pki.TestPki;
import dev.jpki.verify.Failure;
import dev.jpki.verify.CertificateValidator;
import dev.jpki.verify.JpkiProfile;
import dev.jpki.verify.SignatureVerifier;
import dev.jpki.verify.TrustAnchors;
import dev.jpki.verify.card.CardDataVerifier;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.Revocation;
import dev.jpki.verify.revocation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The verifier side of the FAQ flow commands ({@code age}, {@code face-check}, {@code validity}, {@code
 * login-demo}), run in the same process as the card side. On the virtual card it trusts the test PKI
 * (test roots and policies, CRLs fresh at the clock, test CVC issuer keys {@code 6000023/001} and
 * {@code 6000033/001}). On a real card it trusts the production J-LIS roots, takes revocation from each
 * certificate's own CRL distribution point, and CVC issuer keys only from {@code --issuer-key}: the
 * production keys ({@code 5000023/001}, {@code 5000033/001}) are not public, so without them a card-face
 * check is INDETERMINATE with a message saying to obtain them from J-LIS.
 */
final class FlowSetup {
  static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  final boolean virtual;
  final Clock clock;
  private final List<String> issuerKeys;

  FlowSetup(Main main, @Nullable String at, List<String> issuerKeys) {
    this.virtual = main.virtual != null;
    this.clock = at == null ? Clock.system(JST) : Clock.fixed(parseAt(at), ZoneOffset.UTC);
    this.issuerKeys = issuerKeys;
  }

  /** {@code YYYY-MM-DD} means noon of that Japanese calendar day; otherwise an ISO-8601 instant. */
  static Instant parseAt(String text) {
    try {
      return LocalDate.parse(text).atTime(12, 0).atZone(JST).toInstant();
    } catch (DateTimeParseException e) {
      return CheckOptions.parseInstant(text);
    }
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(JST));
  }

  TrustAnchors anchors() {
    if (!virtual) {
      return TrustAnchors.production();
    }
    TestPki pki = TestPki.get();
    return TrustAnchors.builder()
        .add(pki.root(KeyType.SIGNATURE), KeyType.SIGNATURE)
        .add(pki.root(KeyType.AUTHENTICATION), KeyType.AUTHENTICATION)
        .build();
  }

  JpkiProfile profile() {
    if (!virtual) {
      return JpkiProfile.production();
    }
    return JpkiProfile.builder()
        .policies(KeyType.SIGNATURE, JpkiOids.POLICY_TEST_SIGN)
        .policies(KeyType.AUTHENTICATION, JpkiOids.POLICY_TEST_AUTH)
        .build();
  }

  RevocationSource revocation() {
    if (!virtual) {
      return Revocation.fromCertificate();
    }
    TestPki pki = TestPki.get();
    try {
      return Revocation.crl(
          CrlIndex.parse(pki.crl(KeyType.SIGNATURE, clock.instant()).getEncoded()),
          CrlIndex.parse(pki.crl(KeyType.AUTHENTICATION, clock.instant()).getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException("test CRLs cannot be built", e);
    }
  }

  SignatureVerifier signatures(KeyType type) {
    return SignatureVerifier.builder(certificates()).certificateType(type).build();
  }

  CertificateValidator certificates() {
    return CertificateValidator.builder().trustAnchors(anchors()).profile(profile()).revocation(revocation())
        .clock(clock).build();
  }

  /**
   * The CVC issuer keys: the test ones on the virtual card, else {@code --issuer-key ID=FILE}.
   *
   * @return the verifier, or null when no key is configured (the flows then answer INDETERMINATE)
   */
  @Nullable CardDataVerifier cardData() {
    CardDataVerifier.Builder b = CardDataVerifier.builder().clock(clock);
    if (virtual) {
      TestPki pki = TestPki.get();
      b.issuerKey("6000023/001", pki.visualApCvcCaPublicKey()).issuerKey("6000033/001", pki.textApCvcCaPublicKey());
    }
    for (String spec : issuerKeys) {
      int eq = spec.indexOf('=');
      if (eq < 0) {
        throw new CliException(ExitCode.USAGE, "--issuer-key must be ID=FILE, e.g. 5000023/001=visual-ca.pem");
      }
      String id = spec.substring(0, eq);
      try {
        b.issuerKey(id, readRsaKey(Path.of(spec.substring(eq + 1))));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "--issuer-key " + id + ": " + e.getMessage(), e);
      }
    }
    if (!virtual && issuerKeys.isEmpty()) {
      return null;
    }
    return b.build();
  }

  private static RSAPublicKey readRsaKey(Path file) {
    byte[] bytes = InputFiles.read(file, "issuer key");
    String text = new String(bytes, StandardCharsets.US_ASCII);
    byte[] der = bytes;
    if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      String b64 = text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----") + 26, text.indexOf("-----END PUBLIC KEY-----"));
      der = Base64.getMimeDecoder().decode(b64);
    }
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (Exception e) {
      throw new IllegalArgumentException("not an RSA public key (PEM 'PUBLIC KEY' or DER SubjectPublicKeyInfo)", e);
    }
  }

  static ArrayNode reasons(List<Failure> failures) {
    ArrayNode a = Output.array();
    for (Failure f : failures) {
      ObjectNode o = a.addObject();
      o.put("code", f.code().name()).put("message", f.message());
    }
    return a;
  }

  static String reasonsText(List<Failure> failures) {
    StringBuilder sb = new StringBuilder();
    for (Failure f : failures) {
      sb.append("  ").append(f.code()).append(": ").append(f.message()).append('\n');
    }
    return sb.toString();
  }
}
