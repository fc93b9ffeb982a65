// SPDX-License-Identifier: Apache-2.0
/**
 * JMH benchmarks. Each benchmark class measures our code next to a baseline in the same run (raw JDK
 * crypto, the JDK's or BouncyCastle's parsers), so results are read as ratios, not absolute times.
 */
@NullMarked
package dev.jpki.benchmarks;

import org.jspecify.annotations.NullMarked;
