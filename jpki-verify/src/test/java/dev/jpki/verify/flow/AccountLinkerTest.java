// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class AccountLinkerTest {
  // Two personas stand in for the same person's old and new certificate: only the ids matter here.
  private static final X509Certificate OLD = Personas.get(Personas.DEFAULT).authCertificate();
  private static final X509Certificate NEW = Personas.get(Personas.MINOR).authCertificate();
  private static final Persona OTHER = Personas.get(Personas.EXPIRED);

  @Test
  void newCertificateKeepsTheAccountOfItsPredecessorAndIsBoundToIt() throws Exception {
    InMemoryCertificateLinkService links = CertificateLinkService.inMemory();
    CertificateAccounts accounts = CertificateAccounts.inMemory();
    AccountLinker linker = new AccountLinker(links, accounts);

    AccountLink first = linker.resolve(OLD, () -> "acct-1");
    assertThat(first.how()).isEqualTo(AccountLink.How.NEW);
    assertThat(linker.resolve(OLD, () -> "never").how()).isEqualTo(AccountLink.How.KNOWN);

    links.link(CertificateId.of(OLD), CertificateId.of(NEW));
    AccountLink renewed = linker.resolve(NEW, () -> "acct-2");
    assertThat(renewed.accountId()).isEqualTo("acct-1");
    assertThat(renewed.how()).isEqualTo(AccountLink.How.LINKED);
    assertThat(renewed.hops()).isEqualTo(1);
    assertThat(accounts.accountOf(CertificateId.of(NEW))).contains("acct-1");
  }

  @Test
  void unrelatedCertificateGetsANewAccount() throws Exception {
    AccountLinker linker = new AccountLinker(CertificateLinkService.inMemory(), CertificateAccounts.inMemory());
    linker.resolve(OLD, () -> "acct-1");
    AccountLink other = linker.resolve(OTHER.authCertificate(), () -> "acct-9");
    assertThat(other.accountId()).isEqualTo("acct-9");
    assertThat(other.how()).isEqualTo(AccountLink.How.NEW);
  }

  @Test
  void failingLinkServiceIsAClearErrorAndCreatesNoAccount() throws Exception {
    InMemoryCertificateLinkService links = CertificateLinkService.inMemory().failWith("operator API down");
    CertificateAccounts accounts = CertificateAccounts.inMemory();
    AccountLinker linker = new AccountLinker(links, accounts);
    assertThatThrownBy(() -> linker.resolve(NEW, () -> "acct-2"))
        .isInstanceOf(CertificateLinkException.class)
        .hasMessageContaining("operator API down")
        .satisfies(
            e ->
                assertThat(((CertificateLinkException) e).reason())
                    .isEqualTo(CertificateLinkException.Reason.LINK_SERVICE_FAILED));
    assertThat(accounts.accountOf(CertificateId.of(NEW))).isEmpty();
  }

  @Test
  void loopingPredecessorsAreRefused() {
    InMemoryCertificateLinkService links = CertificateLinkService.inMemory();
    links.link(CertificateId.of(OLD), CertificateId.of(NEW)).link(CertificateId.of(NEW), CertificateId.of(OLD));
    AccountLinker linker = new AccountLinker(links, CertificateAccounts.inMemory());
    assertThatThrownBy(() -> linker.find(NEW))
        .isInstanceOf(CertificateLinkException.class)
        .satisfies(
            e ->
                assertThat(((CertificateLinkException) e).reason())
                    .isEqualTo(CertificateLinkException.Reason.LINK_CHAIN_TOO_LONG));
  }

  @Test
  void counterpartIsNotSupportedByDefault() {
    CertificateLinkService minimal = current -> java.util.Optional.empty();
    assertThatThrownBy(() -> minimal.counterpartOf(CertificateId.of(OLD)))
        .isInstanceOf(CertificateLinkException.class)
        .satisfies(
            e ->
                assertThat(((CertificateLinkException) e).reason())
                    .isEqualTo(CertificateLinkException.Reason.NOT_SUPPORTED));
  }
}
