package io.applog.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of the tests that start child processes: a temp directory kept when a test fails (the
 * children's output files in it tell why) and the {@link Children} of each test, killed after
 * it whatever happened (passed, failed or timed out).
 */
public abstract class ChildProcessTest {
    /** The test's directory; the children's output files are here. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    protected Path tmp;
    /** The child processes of the running test. */
    protected Children children;

    @BeforeEach
    protected final void startChildren() {
        children = new Children(tmp);
    }

    @AfterEach
    protected final void killChildren() {
        children.close();
    }
}
