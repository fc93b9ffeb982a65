// SPDX-License-Identifier: Apache-2.0
/**
 * Relying-party stores on a relational database through plain JDBC: {@link JdbcChallengeStore} (login
 * challenges shared by several server instances, single use across all of them),
 * {@link JdbcRegistrationStore} (face-to-face registrations that survive restarts) and
 * {@link JdbcCertificateLinkCache} (the platform operator's certificate-link answers, shared by all
 * instances for a maximum age). The schema ships in the jar as versioned SQL and is applied by
 * {@link SchemaMigrations}. Tested on PostgreSQL (the deployment target) and H2 (the embedded default).
 */
@NullMarked
package dev.jpki.jdbc;

import org.jspecify.annotations.NullMarked;
