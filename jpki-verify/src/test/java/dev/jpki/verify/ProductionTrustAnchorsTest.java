// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.card.KeyType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped J-LIS roots. Issue 10 finding 8 (JPKI-2026-008): the 2019 generation (valid 2019-09-14 to
 * 2029-09-14) was missing, so certificates issued 2019-2023 and still valid got UNTRUSTED_ISSUER. The pins
 * below are written out independently of the library's own list (docs/trust-anchors.md has their sources).
 */
class ProductionTrustAnchorsTest {
  private static final String SIGN_2015 = "19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355";
  private static final String SIGN_2019 = "79679c33e4cc9319440f1ad120a597ff1844e2ef217063adb176966fd5e6fbeb";
  private static final String SIGN_2023 = "d227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f";
  private static final String AUTH_2015 = "4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d";
  private static final String AUTH_2019 = "0d98de47fc11b7f67126874b7028b6026a803d2638d6edfe53176953961fade6";
  private static final String AUTH_2023 = "64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5";

  @Test
  void production_everyGeneration_withExpectedFingerprintsDnsAndTypes() {
    TrustAnchors production = TrustAnchors.production();
    List<X509Certificate> anchors = production.anchors();
    assertThat(anchors).hasSize(6).allMatch(production::isProduction);
    assertThat(anchors.stream().map(ProductionTrustAnchorsTest::sha256Hex).collect(Collectors.toList()))
        .containsExactly(SIGN_2015, SIGN_2019, SIGN_2023, AUTH_2015, AUTH_2019, AUTH_2023);
    String sign = "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP";
    String auth = "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI,C=JP";
    for (int i = 0; i < 3; i++) {
      assertThat(anchors.get(i).getSubjectX500Principal().getName()).isEqualTo(sign);
      assertThat(production.issues(anchors.get(i))).contains(KeyType.SIGNATURE);
      assertThat(anchors.get(3 + i).getSubjectX500Principal().getName()).isEqualTo(auth);
      assertThat(production.issues(anchors.get(3 + i))).contains(KeyType.AUTHENTICATION);
    }
    assertThat(anchors.get(2).getNotBefore().toInstant()).isEqualTo(Instant.parse("2023-07-16T00:50:27Z"));
    assertThat(anchors.get(2).getNotAfter().toInstant()).isEqualTo(Instant.parse("2033-07-15T14:59:59Z"));
    // same DN, different keys: the reason issuers are chosen by signature and key identifier
    assertThat(anchors.stream().map(X509Certificate::getPublicKey).distinct()).hasSize(6);
  }

  @Test
  void production_2019Generation_coversCertificatesIssuedBetween2019And2023() {
    List<X509Certificate> anchors = TrustAnchors.production().anchors();
    Instant issued2021 = Instant.parse("2021-04-01T00:00:00Z");
    Instant stillValid2027 = Instant.parse("2027-04-01T00:00:00Z");
    for (String pin : List.of(SIGN_2019, AUTH_2019)) {
      X509Certificate a = anchors.stream().filter(x -> sha256Hex(x).equals(pin)).findFirst().orElseThrow();
      assertThat(a.getNotBefore().toInstant()).isBefore(issued2021);
      assertThat(a.getNotAfter().toInstant()).isAfter(stillValid2027);
      assertThat(a.getNotBefore().toInstant().atZone(java.time.ZoneOffset.UTC).getYear()).isEqualTo(2019);
    }
  }

  @Test
  void production_everyShippedRootIsTheOneTheTrustAnchorDocumentPins() throws Exception {
    // Inside the repository, so it runs on every clone: docs/trust-anchors.md records where each root
    // came from and its SHA-256; the shipped resources must be exactly those certificates.
    String doc = Files.readString(Path.of("..", "docs", "trust-anchors.md"));
    List<X509Certificate> anchors = TrustAnchors.production().anchors();
    assertThat(anchors).hasSize(6);
    for (X509Certificate a : anchors) {
      assertThat(doc).as("docs/trust-anchors.md pins %s", a.getSubjectX500Principal()).contains("`" + sha256Hex(a) + "`");
    }
  }

  @Test
  void addPinned_wrongPin_isRefused() throws Exception {
    byte[] der = TrustAnchors.production().anchors().get(0).getEncoded();
    assertThatThrownBy(() -> TrustAnchors.builder().addPinned(der, "00".repeat(32), KeyType.SIGNATURE))
        .isInstanceOf(IllegalArgumentException.class);
    TrustAnchors ok = TrustAnchors.builder()
        .addPinned(der, "19645405 a1fe1437 7434bd55 957628ac 4038557c 542403a2 243f21c7 06fc9355",
            KeyType.SIGNATURE)
        .build();
    assertThat(ok.anchors()).hasSize(1);
  }

  @Test
  void builder_extendsProductionWithOperatorRoot() {
    TrustAnchors extended = TrustAnchors.production().newBuilder()
        .add(Fixtures.PKI.signRoot(), KeyType.SIGNATURE).build();
    assertThat(extended.anchors()).hasSize(7);
    assertThat(extended.isProduction(extended.anchors().get(6))).isFalse();
    assertThat(extended.isProduction(extended.anchors().get(0))).isTrue();
    assertThat(extended.issues(extended.anchors().get(6))).contains(KeyType.SIGNATURE);
  }

  @Test
  void build_empty_throws() {
    assertThatThrownBy(() -> TrustAnchors.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  private static String sha256Hex(X509Certificate c) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
