// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code jpki} command (docs/cli.md): global options, exit codes, and the subcommands for
 * diagnostics, card reads, signing, verification and the virtual card.
 */
@NullMarked
package dev.jpki.cli;

import org.jspecify.annotations.NullMarked;
