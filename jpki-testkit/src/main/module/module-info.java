// SPDX-License-Identifier: Apache-2.0
/**
 * The virtual My Number Card, personas, the test PKI, reader models and the vpcd bridge: for tests,
 * demos and trying the SDK without a card. Never for production.
 */
module dev.jpki.testkit {
  requires transitive dev.jpki.core;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires jdk.httpserver;
  requires jdk.net;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.jpki.testkit;
  exports dev.jpki.testkit.card;
  exports dev.jpki.testkit.pki;
  exports dev.jpki.testkit.reader;
  exports dev.jpki.testkit.transport;
  exports dev.jpki.testkit.vpcd;
}
