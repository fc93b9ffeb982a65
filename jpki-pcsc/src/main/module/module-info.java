// SPDX-License-Identifier: Apache-2.0
/**
 * {@link dev.jpki.apdu.CardTransport} over PC/SC ({@code javax.smartcardio}): reader discovery, waiting for
 * a card, exclusive access, typed errors, diagnostics, and the loan entry point {@link
 * dev.jpki.pcsc.PcscReaders#withFirstCard}.
 */
module dev.jpki.pcsc {
  requires transitive dev.jpki.core;
  requires transitive java.smartcardio;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.jpki.pcsc;
}
