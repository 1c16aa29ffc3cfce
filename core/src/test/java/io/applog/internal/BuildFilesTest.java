package io.applog.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version and the JVM flags each come from one file of the build. */
class BuildFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void shouldTakeTheVersionFromTheParentPom() throws Exception {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>applog-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "parent pom.xml has no version");
        assertEquals(m.group(1), Version.CURRENT);
    }

    @Test
    void shouldReadEveryFlagOfTheFlagsFileAndNoComment() {
        assertEquals(List.of(
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "-Dchronicle.analytics.disable=true",
                "-Dchronicle.announcer.disable=true",
                "-Dchronicle.disk.monitor.disable=true"), JvmFlags.ALL);
    }

    @Test
    void shouldHaveStartedThisTestJvmWithTheSameFlagsFile() {
        List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : JvmFlags.ALL) {
            assertTrue(args.contains(flag), flag + " missing from " + args);
        }
    }
}
