// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card subcommands of docs/cli.md on the in-process virtual card. */
class CardCommandsTest {
  @TempDir Path dir;

  static X509Certificate readPem(Path p) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(p)));
  }

  @Test
  void version_json_hasVersionAndJava() {
    CliRunner.Result r = new CliRunner().run("--json", "version");
    assertThat(r.code()).isZero();
    assertThat(r.json().get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
  }

  @Test
  void unknownOption_isUsageError() {
    assertThat(new CliRunner().run("--bogus", "info").code()).isEqualTo(ExitCode.USAGE);
  }

  @Nested
  class Info {
    @Test
    void info_defaultPersona_jsonFieldsOfTheContract() {
      CliRunner.Result r = new CliRunner().run("--virtual", "--json", "info");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = r.json();
      assertThat(j.get("token").asText()).isEqualTo("card");
      assertThat(j.get("applications")).extracting(JsonNode::asText).contains("jpki", "text", "visual");
      assertThat(j.get("tries").get("auth").asInt()).isEqualTo(3);
      assertThat(j.get("tries").get("sign").asInt()).isEqualTo(5);
      assertThat(j.get("tries").get("text").asInt()).isEqualTo(3);
    }

    @Test
    void info_smartphonePersona_reportsSmartphoneAndJpkiOnly() {
      JsonNode j = new CliRunner().run("--virtual=smartphone", "--json", "info").json();
      assertThat(j.get("token").asText()).isEqualTo("smartphone");
      assertThat(j.get("applications")).extracting(JsonNode::asText).containsExactly("jpki");
    }

    @Test
    void info_unknownPersona_isUsageErrorNamingThePersonas() {
      CliRunner.Result r = new CliRunner().run("--virtual=nobody", "info");
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("unknown persona", "default", "face-auth");
    }
  }

  @Nested
  class ReadText {
    @Test
    void readText_masksMyNumberUnlessReveal() {
      CliRunner cli = new CliRunner().env("PIN", "1234");
      JsonNode masked = cli.run("--virtual", "--pin-env", "PIN", "--json", "read-text").json();
      assertThat(masked.get("myNumber").asText()).doesNotContain("12345678").endsWith("9018");
      assertThat(masked.get("name").asText()).isEqualTo("試験\u3000花子");
      assertThat(masked.get("birthDate").asText()).isEqualTo("1990-05-15");
      assertThat(masked.get("sex").asText()).isEqualTo("female");
      JsonNode revealed = cli.run("--virtual", "--pin-env", "PIN", "--json", "read-text", "--reveal").json();
      assertThat(revealed.get("myNumber").asText()).isEqualTo("123456789018");
    }

    @Test
    void readText_withCodeB_gives4InfoButNoMyNumber() {
      JsonNode j = new CliRunner().env("B", "02051520345678")
          .run("--virtual", "--pin-b-env", "B", "--json", "read-text").json();
      assertThat(j.get("myNumber").isNull()).isTrue();
      assertThat(j.get("address").asText()).startsWith("東京都千代田区");
    }

    @Test
    void readText_wrongPin_exit5WithTriesLeftAndNoPinInMessage() {
      CliRunner.Result r = new CliRunner().env("PIN", "9876").run("--virtual", "--pin-env", "PIN", "read-text");
      assertThat(r.code()).isEqualTo(ExitCode.WRONG_PIN);
      assertThat(r.err()).contains("2 tries left").doesNotContain("9876");
      assertThat(r.out()).isEmpty();
    }

    @Test
    void readText_malformedPin_exit2BeforeTouchingTheCard() {
      CliRunner.Result r = new CliRunner().env("PIN", "12a4").run("--virtual", "--pin-env", "PIN", "read-text");
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("4 digits").doesNotContain("12a4");
    }

    @Test
    void readText_unsetVariable_exit2() {
      CliRunner.Result r = new CliRunner().run("--virtual", "--pin-env", "NOPE", "read-text");
      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("NOPE is not set");
    }
  }

  @Nested
  class Certs {
    @Test
    void certs_withoutSign_writesAuthAndCa() throws Exception {
      CliRunner.Result r = new CliRunner().run("--virtual", "certs", "--out", dir.toString());
      assertThat(r.code()).as(r.err()).isZero();
      X509Certificate auth = readPem(dir.resolve("auth.pem"));
      X509Certificate ca = readPem(dir.resolve("auth-ca.pem"));
      auth.verify(ca.getPublicKey());
      assertThat(dir.resolve("sign.pem")).doesNotExist();
    }

    @Test
    void certs_withSign_needsPasswordAndWritesSignCert() throws Exception {
      CliRunner.Result r = new CliRunner().env("PW", "abc123")
          .run("--virtual", "--password-env", "PW", "certs", "--out", dir.toString(), "--sign");
      assertThat(r.code()).as(r.err()).isZero();
      readPem(dir.resolve("sign.pem")).verify(readPem(dir.resolve("sign-ca.pem")).getPublicKey());
    }
  }

  @Nested
  class Sign {
    @Test
    void signRaw_authKey_verifiesWithTheAuthCertificate() throws Exception {
      Path data = Files.write(dir.resolve("d"), "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      CliRunner cli = new CliRunner().env("PIN", "1234");
      assertThat(cli.run("--virtual", "certs", "--out", dir.toString()).code()).isZero();
      CliRunner.Result r = cli.run("--virtual", "--pin-env", "PIN", "sign", "--key", "auth",
          "--in", data.toString(), "--out", dir.resolve("s").toString());
      assertThat(r.code()).as(r.err()).isZero();
      Signature v = Signature.getInstance("SHA256withRSA");
      v.initVerify(readPem(dir.resolve("auth.pem")));
      v.update(Files.readAllBytes(data));
      assertThat(v.verify(Files.readAllBytes(dir.resolve("s")))).isTrue();
    }

    @Test
    void signCms_signKeyDetached_verifiesWithBouncyCastle() throws Exception {
      byte[] content = "contract".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Path data = Files.write(dir.resolve("d"), content);
      CliRunner.Result r = new CliRunner().env("PW", "ABC123").run("--virtual", "--password-env", "PW",
          "sign", "--key", "sign", "--in", data.toString(), "--out", dir.resolve("c.p7s").toString(),
          "--format", "cms", "--detached");
      assertThat(r.code()).as(r.err()).isZero();
      CMSSignedData cms = new CMSSignedData(new org.bouncycastle.cms.CMSProcessableByteArray(content),
          Files.readAllBytes(dir.resolve("c.p7s")));
      assertThat(cms.getSignedContent().getContent()).isEqualTo(content);
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked") // BouncyCastle's SignerId is a raw Selector
      Collection<org.bouncycastle.cert.X509CertificateHolder> certs = cms.getCertificates().getMatches(signer.getSID());
      assertThat(certs).hasSize(1);
      assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
          .build(certs.iterator().next()))).isTrue();
    }

    @Test
    void sign_wrongPassword_exit5() throws Exception {
      Path data = Files.write(dir.resolve("d"), new byte[] {1});
      CliRunner.Result r = new CliRunner().env("PW", "WRONG1").run("--virtual", "--password-env", "PW",
          "sign", "--key", "sign", "--in", data.toString(), "--out", dir.resolve("s").toString());
      assertThat(r.code()).isEqualTo(ExitCode.WRONG_PIN);
      assertThat(r.err()).contains("4 tries left").doesNotContain("WRONG1");
    }

    @Test
    void sign_badKeyName_exit2() {
      assertThat(new CliRunner().run("--virtual", "sign", "--key", "x", "--in", "a", "--out", "b").code())
          .isEqualTo(ExitCode.USAGE);
    }
  }

  @Test
  void readFace_codeB_writesPhotoAndPrintsDates() throws Exception {
    Path photo = dir.resolve("p.jp2");
    CliRunner.Result r = new CliRunner().env("B", "02051520345678")
        .run("--virtual", "--pin-b-env", "B", "--json", "read-face", "--photo-out", photo.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json().get("expiryDate").asText()).isEqualTo("2034-05-15");
    assertThat(Files.readAllBytes(photo)).startsWith(0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20);
  }

  @Test
  void verbose_tracesApdusRedacted() {
    CliRunner.Result r = new CliRunner().env("PIN", "1234")
        .run("--virtual", "--verbose", "--pin-env", "PIN", "read-text");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("apdu >> 00 A4 04 0C", "<redacted>").doesNotContain("31323334");
  }
}
