/**
 * Relying-party stores on a relational database through plain JDBC: {@link JdbcChallengeStore} (login
 * challenges shared by several server instances, single use across all of them) and
 * {@link JdbcRegistrationStore} (face-to-face registrations that survive restarts). The schema ships in
 * the jar as versioned SQL and is applied by {@link SchemaMigrations}. Tested on PostgreSQL (the
 * deployment target) and H2 (the embedded default).
 */
@NullMarked
package dev.jpki.jdbc;

import org.jspecify.annotations.NullMarked;
