package io.applog.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code applog log} without picocli gives the command exactly the fields picocli gives it, and
 * leaves every other argument list to picocli.
 */
class PlainLogArgumentsTest {
    @TempDir
    Path tmp;

    static Stream<List<String>> plain() {
        return Stream.of(
                List.of("log", "--queue", "/q", "hello"),
                List.of("log", "--queue", "/q", "hello", "world"),
                List.of("log", "--queue=/q", "hello"),
                List.of("log", "hello", "--queue", "/q", "world"),
                List.of("log", "--queue", "/q", "--level", "warn", "--logger", "app.Main", "--process", "worker-2",
                        "a", "b", "c"),
                List.of("log", "--level=ERROR", "--logger=x", "--process=y", "--queue=/q", "msg"),
                List.of("log", "--queue", "/q"),
                List.of("log", "--queue", "/q", "--level", "FINE"),
                List.of("log", "--queue", "/q", "--", "-starts with a dash", "--queue"),
                List.of("log", "--queue", "/q", "--"),
                List.of("log", "--queue", "/q", ""),
                List.of("log", "--queue", "/q a=b", "x = y", "{}", "${jndi:ldap://x}", "line\nbreak"),
                List.of("log", "--queue", "relative/dir", "msg"));
    }

    static Stream<List<String>> notPlain() {
        return Stream.of(
                List.of("log"),
                List.of("log", "hello"),
                List.of("log", "--help"),
                List.of("log", "-h"),
                List.of("log", "--version"),
                List.of("log", "-V"),
                List.of("log", "--queue", "/q", "@args.txt"),
                List.of("log", "@args.txt"),
                List.of("log", "--queue", "/q", "--", "@args.txt"),
                List.of("log", "--queue", "/q", "--bogus", "x"),
                List.of("log", "--queue", "/q", "-x"),
                List.of("log", "--queue", "/q", "-"),
                List.of("log", "--queue", "/q", "--level", "OFF", "msg"),
                List.of("log", "--queue", "/q", "--level", "LOUD", "msg"),
                List.of("log", "--queue"),
                List.of("log", "--queue", "/q", "--level"),
                List.of("log", "--queue", "/q", "--queue", "/r", "msg"),
                List.of("log", "--queue", "/q", "--level", "INFO", "--level", "WARN", "msg"),
                List.of("log", "--queue", "--level", "msg"),
                List.of("log", "--queue=", "msg"),
                List.of("log", "--queue", "/q", "--input", "json"),
                List.of("log", "--queue", "/q\0x", "msg"),
                List.of("log", "--queue", "/q", "--logger", "-dash", "msg"),
                List.of("cat", "--queue", "/q"),
                List.of());
    }

    @ParameterizedTest
    @MethodSource("plain")
    void shouldSetTheCommandUpExactlyAsPicocliDoes(List<String> args) throws IllegalAccessException {
        LogCommand plain = PlainLogArguments.parse(args.toArray(new String[0]));
        assertNotNull(plain, args.toString());
        LogCommand parsed = new LogCommand();
        new CommandLine(parsed).parseArgs(args.subList(1, args.size()).toArray(new String[0]));
        int compared = 0;
        for (Field f : LogCommand.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == CommandLine.Model.CommandSpec.class) {
                continue;
            }
            f.setAccessible(true);
            assertEquals(f.get(parsed), f.get(plain), f.getName() + " of " + args);
            compared++;
        }
        assertEquals(6, compared, "queue, level, logger, process, input, message");
    }

    @ParameterizedTest
    @MethodSource("notPlain")
    void shouldLeaveEverythingElseToPicocli(List<String> args) {
        assertNull(PlainLogArguments.parse(args.toArray(new String[0])), args.toString());
    }

    /** A failure inside the command: the same line on stderr and exit code both ways. */
    @Test
    void shouldReportAFailureAsPicocliDoes() throws IOException {
        String queue = tmp.resolve("q").toString();
        Path argFile = Files.writeString(tmp.resolve("args.txt"), "--queue " + queue + "\n");
        String[] plainArgs = {"log", "--queue", queue};
        String[] picocliArgs = {"log", "@" + argFile};
        assertNotNull(PlainLogArguments.parse(plainArgs));
        assertNull(PlainLogArguments.parse(picocliArgs));

        String[] plain = runWithBrokenStdin(plainArgs);
        String[] picocli = runWithBrokenStdin(picocliArgs);
        assertEquals(List.of("1", "applog log: stdin is gone\n"), List.of(plain));
        assertEquals(List.of(picocli), List.of(plain));
    }

    /** Runs {@code Main.run} with a stdin that fails; returns its exit code and stderr. */
    private static String[] runWithBrokenStdin(String... args) {
        InputStream in = System.in;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("stdin is gone");
                }
            });
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new String[]{Integer.toString(code), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setIn(in);
            System.setErr(err);
        }
    }
}
