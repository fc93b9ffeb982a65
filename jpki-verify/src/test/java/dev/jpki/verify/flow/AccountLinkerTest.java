// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccountLinkerTest {
  // Two personas stand in for the same person's old and new certificate: only the ids matter here.
  private static final X509Certificate OLD = Personas.get(Personas.DEFAULT).authCertificate();
  private static final X509Certificate NEW = Personas.get(Personas.MINOR).authCertificate();
  private static final Persona OTHER = Personas.get(Personas.EXPIRED);

  /** A link service answering from a map of newer to older certificate: the SPI is one method. */
  private static CertificateLinkService links(Map<CertificateId, CertificateId> predecessors) {
    return current -> Optional.ofNullable(predecessors.get(current));
  }

  @Test
  void newCertificateKeepsTheAccountOfItsPredecessorAndIsBoundToIt() throws Exception {
    Map<CertificateId, CertificateId> predecessors = new ConcurrentHashMap<>();
    CertificateAccounts accounts = CertificateAccounts.inMemory();
    AccountLinker linker = new AccountLinker(links(predecessors), accounts);

    AtomicInteger created = new AtomicInteger();
    assertThat(linker.resolve(OLD, () -> "acct-" + created.incrementAndGet())).isEqualTo("acct-1");
    assertThat(linker.resolve(OLD, () -> "never")).isEqualTo("acct-1");
    assertThat(created).hasValue(1);

    predecessors.put(CertificateId.of(NEW), CertificateId.of(OLD));
    assertThat(accounts.accountOf(CertificateId.of(NEW))).isEmpty();
    assertThat(linker.resolve(NEW, () -> "acct-2")).isEqualTo("acct-1");
    assertThat(accounts.accountOf(CertificateId.of(NEW))).contains("acct-1");
    assertThat(linker.find(NEW)).contains("acct-1");
  }

  @Test
  void unrelatedCertificateGetsANewAccountAndFindCreatesNone() throws Exception {
    CertificateAccounts accounts = CertificateAccounts.inMemory();
    AccountLinker linker = new AccountLinker(links(Map.of()), accounts);
    linker.resolve(OLD, () -> "acct-1");
    assertThat(linker.find(OTHER.authCertificate())).isEmpty();
    assertThat(accounts.accountOf(CertificateId.of(OTHER.authCertificate()))).isEmpty();
    assertThat(linker.resolve(OTHER.authCertificate(), () -> "acct-9")).isEqualTo("acct-9");
  }

  @Test
  void failingLinkServiceIsAClearErrorAndCreatesNoAccount() throws Exception {
    CertificateLinkService down = current -> {
      throw new CertificateLinkException("operator API down", null);
    };
    CertificateAccounts accounts = CertificateAccounts.inMemory();
    AccountLinker linker = new AccountLinker(down, accounts);
    assertThatThrownBy(() -> linker.resolve(NEW, () -> "acct-2"))
        .isInstanceOf(CertificateLinkException.class)
        .hasMessageContaining("operator API down");
    assertThat(accounts.accountOf(CertificateId.of(NEW))).isEmpty();
  }

  @Test
  void loopingPredecessorsAreRefused() {
    AccountLinker linker = new AccountLinker(
        links(Map.of(CertificateId.of(NEW), CertificateId.of(OLD), CertificateId.of(OLD), CertificateId.of(NEW))),
        CertificateAccounts.inMemory());
    assertThatThrownBy(() -> linker.find(NEW))
        .isInstanceOf(CertificateLinkException.class)
        .hasMessageContaining("loop");
  }

  @Test
  void tooLongAChainOfPredecessorsIsRefusedAndCreatesNoAccount() throws Exception {
    // every certificate has a predecessor with the next serial: no end, no known account
    CertificateLinkService endless =
        current -> Optional.of(CertificateId.of(current.issuer(), current.serial().add(BigInteger.ONE)));
    CertificateAccounts accounts = CertificateAccounts.inMemory();
    AccountLinker linker = new AccountLinker(endless, accounts);
    assertThatThrownBy(() -> linker.resolve(NEW, () -> "acct-2"))
        .isInstanceOf(CertificateLinkException.class)
        .hasMessageContaining("more than 10 predecessors");
    assertThat(accounts.accountOf(CertificateId.of(NEW))).isEmpty();
  }
}
