// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link CertificateLinkService} for tests and demos: links are added by hand. {@link
 * #failWith} makes every later query fail, to test how callers handle an unavailable service.
 */
public final class InMemoryCertificateLinkService implements CertificateLinkService {
  private final Map<CertificateId, CertificateId> predecessors = new ConcurrentHashMap<>();
  private final Map<CertificateId, CertificateId> counterparts = new ConcurrentHashMap<>();
  private volatile String failure = "";

  InMemoryCertificateLinkService() {}

  /**
   * Records that {@code newer} replaced {@code older}.
   *
   * @param older the earlier certificate
   * @param newer the certificate issued in its place
   * @return this service
   */
  public InMemoryCertificateLinkService link(CertificateId older, CertificateId newer) {
    predecessors.put(newer, older);
    return this;
  }

  /**
   * Records that two certificates of different types belong to the same person.
   *
   * @param a one certificate
   * @param b the other
   * @return this service
   */
  public InMemoryCertificateLinkService counterparts(CertificateId a, CertificateId b) {
    counterparts.put(a, b);
    counterparts.put(b, a);
    return this;
  }

  /**
   * Makes every later query throw {@link CertificateLinkException.Reason#LINK_SERVICE_FAILED}; an empty
   * message restores normal answers.
   *
   * @param message the failure description, or empty
   * @return this service
   */
  public InMemoryCertificateLinkService failWith(String message) {
    this.failure = message;
    return this;
  }

  @Override
  public Optional<CertificateId> predecessorOf(CertificateId current) throws CertificateLinkException {
    check();
    return Optional.ofNullable(predecessors.get(current));
  }

  @Override
  public Optional<CertificateId> counterpartOf(CertificateId certificate) throws CertificateLinkException {
    check();
    return Optional.ofNullable(counterparts.get(certificate));
  }

  private void check() throws CertificateLinkException {
    String f = failure;
    if (!f.isEmpty()) {
      throw new CertificateLinkException(CertificateLinkException.Reason.LINK_SERVICE_FAILED, f, null);
    }
  }
}
