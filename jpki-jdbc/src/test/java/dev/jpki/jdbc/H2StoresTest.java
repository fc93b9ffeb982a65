package dev.jpki.jdbc;

/** The store contract on H2 (in memory), the embedded default. */
class H2StoresTest extends StoreContractTest {
  @Override
  Databases.TestDatabase newDatabase() {
    return Databases.h2();
  }
}
