// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

/**
 * The store contract on a real PostgreSQL server ({@code JPKI_TEST_PG_URL}); skipped with the reason when
 * there is none, a failure when {@code JPKI_REQUIRE_PG=true}. Every test and assertion is inherited from
 * {@link StoreContractTest}.
 */
class PostgresStoresTest extends StoreContractTest {
  @Override
  Databases.TestDatabase newDatabase() {
    return Databases.postgres();
  }
}
