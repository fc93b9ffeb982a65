package dev.jpki.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.card.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProductionTrustAnchorsTest {
  @Test
  void production_fourPinnedRoots_haveExpectedFingerprintsDnsAndTypes() {
    List<TrustAnchor> anchors = TrustAnchors.production().anchors();
    assertThat(anchors).hasSize(4).allMatch(TrustAnchor::isProduction);
    assertThat(anchors.stream().map(TrustAnchor::sha256Hex).collect(Collectors.toList())).containsExactly(
        "19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355",
        "d227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f",
        "4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d",
        "64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5");
    String sign = "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP";
    String auth = "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI,C=JP";
    assertThat(anchors.get(0).subject()).isEqualTo(sign);
    assertThat(anchors.get(1).subject()).isEqualTo(sign);
    assertThat(anchors.get(2).subject()).isEqualTo(auth);
    assertThat(anchors.get(3).subject()).isEqualTo(auth);
    assertThat(anchors.get(0).type()).contains(KeyType.SIGNATURE);
    assertThat(anchors.get(3).type()).contains(KeyType.AUTHENTICATION);
    assertThat(anchors.get(1).notBefore()).isEqualTo(Instant.parse("2023-07-16T00:50:27Z"));
    assertThat(anchors.get(1).notAfter()).isEqualTo(Instant.parse("2033-07-15T14:59:59Z"));
    // same DN, different keys: the reason issuers are chosen by signature (spec §9.5)
    assertThat(anchors.get(0).publicKey()).isNotEqualTo(anchors.get(1).publicKey());
  }

  @Test
  void production_everyShippedRootIsTheOneTheTrustAnchorDocumentPins() throws Exception {
    // Inside the repository, so it runs on every clone: docs/trust-anchors.md records where each root
    // came from and its SHA-256; the shipped resources must be exactly those certificates.
    String doc = Files.readString(Path.of("..", "docs", "trust-anchors.md"));
    List<TrustAnchor> anchors = TrustAnchors.production().anchors();
    assertThat(anchors).hasSize(4);
    for (TrustAnchor a : anchors) {
      assertThat(doc).as("docs/trust-anchors.md pins %s", a.subject()).contains("`" + a.sha256Hex() + "`");
    }
  }

  @Test
  void addPinned_wrongPin_isRefused() throws Exception {
    byte[] der = TrustAnchors.production().anchors().get(0).certificate().getEncoded();
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
    assertThat(extended.anchors()).hasSize(5);
    assertThat(extended.anchors().get(4).isProduction()).isFalse();
  }

  @Test
  void build_empty_throws() {
    assertThatThrownBy(() -> TrustAnchors.builder().build()).isInstanceOf(IllegalStateException.class);
  }
}
