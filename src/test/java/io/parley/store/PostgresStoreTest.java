package io.parley.store;

/** The store on PostgreSQL, the production database (skipped, with the reason, where none answers). */
class PostgresStoreTest extends StoreContract {

    @Override
    TestDatabase open() {
        return TestDatabase.postgres();
    }
}
