package io.applog.it;

/**
 * Sizes of the reliability tests: the short versions by default, the long ones when the
 * system property {@code applog.test.stress} is true ({@code mvn -B verify -Pstress}).
 */
final class Stress {
    static final boolean ON = Boolean.getBoolean("applog.test.stress");
    /**
     * The JUnit timeout of a test whose sizes come from here: its long version runs for
     * minutes, above the suite's default (junit-platform.properties). Every wait inside such a
     * test has a deadline of its own; this is the backstop.
     */
    static final int TIMEOUT_MINUTES = 15;

    private Stress() {
    }

    /** {@code normal} in a default run, {@code stress} under -Pstress. */
    static int pick(int normal, int stress) {
        return ON ? stress : normal;
    }

    /**
     * The seed of a randomised test: {@code applog.test.seed} when given (to replay a failure),
     * else a fresh one. Print it in every failure message.
     */
    static long seed() {
        return Long.getLong("applog.test.seed", System.nanoTime());
    }
}
