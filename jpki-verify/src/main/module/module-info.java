// SPDX-License-Identifier: Apache-2.0
/**
 * Server-side verification for JPKI: certificate paths to pinned roots, the certificate profile, revocation
 * (CRL, OCSP), raw and CMS signatures, logins, the basic 4 info, age, card-data genuineness and the FAQ
 * flows.
 */
// "module": the qualified export names dev.jpki.cli, which depends on this module and so cannot be
// observable while this one compiles
@SuppressWarnings("module")
module dev.jpki.verify {
  requires transitive dev.jpki.core;
  requires java.net.http;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.jpki.verify;
  exports dev.jpki.verify.card;
  exports dev.jpki.verify.flow;
  exports dev.jpki.verify.revocation;
  // implementation shared with the command-line tool; not API
  exports dev.jpki.verify.internal to dev.jpki.cli;
}
