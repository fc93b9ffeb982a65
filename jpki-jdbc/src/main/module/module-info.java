// SPDX-License-Identifier: Apache-2.0
/** Database-backed stores for jpki-verify over JDBC: login challenges, registrations, certificate links. */
module dev.jpki.jdbc {
  requires transitive dev.jpki.verify;
  requires transitive java.sql;
  requires static org.jspecify;

  exports dev.jpki.jdbc;
}
