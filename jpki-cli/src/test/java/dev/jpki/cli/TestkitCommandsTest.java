// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Personas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code testkit pki} and the argument checks of {@code virtual-card}. */
class TestkitCommandsTest {
  @TempDir Path dir;

  @Test
  void testkitPki_writesTheContractFilesThatChainAndAreFresh() throws Exception {
    CliRunner.Result r = new CliRunner().run("--json", "testkit", "pki", "--out", dir.toString(), "--persona", "revoked");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json().get("files")).hasSize(6);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    X509Certificate root = (X509Certificate) cf.generateCertificate(Files.newInputStream(dir.resolve("sign-root.pem")));
    X509Certificate leaf = (X509Certificate) cf.generateCertificate(Files.newInputStream(dir.resolve("sign.pem")));
    leaf.verify(root.getPublicKey());
    assertThat(leaf).isEqualTo(Personas.get("revoked").signCertificate().orElseThrow());
    X509CRL crl = (X509CRL) cf.generateCRL(Files.newInputStream(dir.resolve("sign.crl")));
    crl.verify(root.getPublicKey());
    assertThat(crl.getNextUpdate()).isAfter(new Date());
    assertThat(crl.isRevoked(leaf)).isTrue();
  }

  @Test
  void testkitPki_unknownPersona_exit2() {
    assertThat(new CliRunner().run("testkit", "pki", "--out", dir.toString(), "--persona", "x").code())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void virtualCard_badPort_exit2BeforeConnecting() {
    CliRunner.Result r = new CliRunner().run("virtual-card", "--vpcd", "localhost:notaport");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("not a port number");
    assertThat(new CliRunner().run("virtual-card", "--vpcd", "70000").code()).isEqualTo(ExitCode.USAGE);
  }
}
