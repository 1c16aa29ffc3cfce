package io.applog.it;

import io.applog.testing.ChildProcessTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that run real JVMs against the broker this test JVM's classes share
 * ({@link KafkaBroker#shared}), with the {@link KafkaRuns} of each test on it.
 */
abstract class SharedBrokerTest extends ChildProcessTest {
    protected static KafkaBroker broker;
    protected KafkaRuns runs;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.shared();
    }

    @BeforeEach
    void runs() {
        runs = new KafkaRuns(children, broker);
    }
}
