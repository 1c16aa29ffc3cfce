package io.applog.it;

import io.applog.testing.ChildProcessTest;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that run real JVMs against a Kafka broker: the broker of the test class
 * ({@link SharedBrokerTest} or {@link OwnBrokerTest} starts it) and the {@link KafkaRuns} of
 * each test on it. Test classes of one JVM run one after the other.
 */
abstract class BrokerTest extends ChildProcessTest {
    protected static KafkaBroker broker;
    protected KafkaRuns runs;

    @BeforeEach
    void runs() {
        runs = new KafkaRuns(children, broker);
    }
}
