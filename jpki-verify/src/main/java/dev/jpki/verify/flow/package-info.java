// SPDX-License-Identifier: Apache-2.0
/**
 * The verifier halves of the Digital Agency FAQ flows (docs/faq-flows.md): age checks, PIN-less
 * face-to-face confirmation with a prior registration, card and certificate validity rules, and the
 * new/old certificate link. Each verifier decides from evidence collected on the card side plus the
 * challenge it issued itself, never from anything the reader side asserts.
 *
 * <p>Failures are {@link dev.jpki.verify.Failure}s with the same {@link dev.jpki.verify.FailureCode}s as
 * login and signature verification. The service provider interfaces here ({@link
 * dev.jpki.verify.flow.RegistrationStore}, {@link dev.jpki.verify.flow.CertificateAccounts}) come with
 * in-memory implementations for tests and single-node use; a deployment supplies durable ones (jpki-jdbc
 * has database-backed ones). {@link dev.jpki.verify.flow.CertificateLinkService} is implemented by the
 * platform operator's client.
 */
@NullMarked
package dev.jpki.verify.flow;

import org.jspecify.annotations.NullMarked;
