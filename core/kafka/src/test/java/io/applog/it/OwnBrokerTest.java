package io.applog.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the test classes with a broker of their own, started for the class and stopped after it (they stop it meanwhile). */
abstract class OwnBrokerTest extends BrokerTest {
    @BeforeAll
    static void startOwnBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopOwnBroker() throws Exception {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
