package io.applog.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of the reliability tests: a temp directory kept when a test fails (its logs tell why) and
 * the child JVMs a test starts, killed after it whatever happened.
 */
abstract class ChildProcessTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;
    Children children;

    @BeforeEach
    void startChildren() {
        children = new Children(tmp);
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }
}
