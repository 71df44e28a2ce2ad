package io.parley.store;

/** The store on H2, Parley's embedded default. */
class H2StoreTest extends StoreContract {

    @Override
    TestDatabase open() {
        return TestDatabase.h2();
    }
}
