package io.applog.slf4j;

/** An argument whose {@code toString()} throws. */
public final class ThrowingToString {
    @Override
    public String toString() {
        throw new IllegalStateException("toString boom");
    }
}
