package io.applog.it;

import org.junit.jupiter.api.BeforeAll;

/** Base of the test classes on the broker this test JVM's classes share ({@link KafkaBroker#shared}). */
abstract class SharedBrokerTest extends BrokerTest {
    @BeforeAll
    static void useSharedBroker() throws Exception {
        broker = KafkaBroker.shared();
    }
}
