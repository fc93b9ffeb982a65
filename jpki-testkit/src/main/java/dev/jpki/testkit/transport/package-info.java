// SPDX-License-Identifier: Apache-2.0
/**
 * In-process {@link dev.jpki.apdu.CardTransport}s for tests: {@link
 * dev.jpki.testkit.transport.VirtualCardTransport} (a virtual card with latency model and fault
 * injection) and {@link dev.jpki.testkit.transport.ScriptedTransport} (expected command/response
 * pairs, after apdu4j's MockBIBO).
 */
@NullMarked
package dev.jpki.testkit.transport;

import org.jspecify.annotations.NullMarked;
