// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify;

import dev.jpki.verify.internal.ResultBuilder;
import static dev.jpki.verify.Fixtures.CLOCK;
import static dev.jpki.verify.Fixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.card.KeyType;
import dev.jpki.verify.revocation.CrlIndex;
import dev.jpki.verify.revocation.RevocationSource;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Results, failures and exceptions never carry subject DNs or the basic 4 info (docs/conventions.md §7). */
class PersonalDataTest {
  @Test
  void failureMessagesAndToString_neverContainSubjectOrFourInfo() throws Exception {
    List<VerificationResult> results = new ArrayList<>();
    CertificateValidator withCrl = Fixtures.validator(RevocationSource.crl(
        CrlIndex.parse(PKI.crl(KeyType.SIGNATURE, CLOCK.instant()).getEncoded())));
    for (String name : Personas.names()) {
      Persona p = Personas.get(name);
      for (X509Certificate c : certs(p)) {
        results.add(withCrl.validate(c, KeyType.AUTHENTICATION)); // wrong type for sign certs
        results.add(Fixtures.validator(RevocationSource.none()).validate(c));
      }
      List<String> secrets = new ArrayList<>(List.of(p.name(), p.address(), p.myNumber(),
          p.birthDate().toString(), p.birthDate().toString().replace("-", "")));
      for (X509Certificate c : certs(p)) {
        // leaves expire on the holder's birthday (docs/card-protocol.md §9.1): the dates give the birthday away
        secrets.add(c.getNotAfter().toInstant().toString().substring(0, 10));
        secrets.add(c.getSubjectX500Principal().getName());
        secrets.add(c.getSubjectX500Principal().toString());
        for (String rdn : c.getSubjectX500Principal().getName().split(",")) {
          if (rdn.startsWith("CN=") || rdn.startsWith("L=")) {
            secrets.add(rdn.substring(rdn.indexOf('=') + 1));
          }
        }
      }
      for (VerificationResult r : results) {
        String all = r.toString() + r.failures() + new VerificationException(r).getMessage();
        for (String s : secrets) {
          assertThat(all).as("persona %s", name).doesNotContain(s);
        }
      }
      results.clear();
    }
  }

  @Test
  void loginResult_toString_hidesSubjectIdAndSession() {
    LoginResult r = new LoginResult(ResultBuilder.start(CLOCK.instant()).build(), "abcdef0123", "sess-77");
    assertThat(r.session()).contains("sess-77");
    assertThat(r.toString()).doesNotContain("abcdef0123").doesNotContain("sess-77");
  }

  private static List<X509Certificate> certs(Persona p) {
    List<X509Certificate> out = new ArrayList<>();
    out.add(p.authCertificate());
    p.signCertificate().ifPresent(out::add);
    return out;
  }
}
