// SPDX-License-Identifier: Apache-2.0
package dev.jpki.jdbc;

/**
 * The store contract on H2 (in memory), the embedded default: every test and assertion is inherited from
 * {@link StoreContractTest}, so H2 and PostgreSQL are held to the same checks.
 */
class H2StoresTest extends StoreContractTest {
  @Override
  Databases.TestDatabase newDatabase() {
    return Databases.h2();
  }
}
