package io.applog;

import io.applog.internal.InternalLog;
import io.applog.internal.PatternSyntax;
import io.applog.internal.Queues;
import net.openhft.chronicle.queue.RollCycle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * applog's configuration, in one place: every {@code applog.*} key with its default, type and
 * validation, and the immutable, validated settings of a writer process. Build one in code
 * with {@link #builder()}, or read system properties and an {@code applog.properties} resource
 * with {@link #fromEnvironment()}. No other class reads an {@code applog.*} system property.
 */
public final class ApplogSettings {
    public static final String QUEUE = "applog.queue";
    /** Default queue root: a per-user directory under java.io.tmpdir, never under $HOME. */
    public static final String QUEUE_DEFAULT = defaultQueue();
    public static final String PROCESS = "applog.process";
    public static final String LEVEL = "applog.level";
    public static final Level LEVEL_DEFAULT = Level.INFO;
    public static final String LOGFILE = "applog.logfile";
    public static final String LOGFILE_DEFAULT = "applog.log";
    public static final String DRAINER = "applog.drainer";
    public static final DrainerMode DRAINER_DEFAULT = DrainerMode.AUTO;
    public static final String HEARTBEAT_MS = "applog.heartbeatMs";
    public static final long HEARTBEAT_MS_DEFAULT = 1_000;
    public static final String TIMEOUT_SEC = "applog.timeoutSec";
    public static final int TIMEOUT_SEC_DEFAULT = 5;
    /** Output format of an auto-started drainer. */
    public static final String FORMAT = "applog.format";
    public static final OutputFormat FORMAT_DEFAULT = OutputFormat.TEXT;
    /**
     * Text line of an auto-started drainer, a Logback-style pattern ({@code %d %-5level %msg%n});
     * for {@code applog.format=text} only.
     */
    public static final String PATTERN = "applog.pattern";
    /** No pattern: the default line ({@link PatternSyntax#DEFAULT}). */
    public static final String PATTERN_DEFAULT = null;
    /** Roll cycle of writer queues (a name from Chronicle's RollCycles); drained cycle files are deleted. */
    public static final String ROLL_CYCLE = "applog.rollCycle";
    public static final String ROLL_CYCLE_DEFAULT = "FIVE_MINUTELY";
    public static final String MIN_FREE_MB = "applog.minFreeMb";
    public static final long MIN_FREE_MB_DEFAULT = 64;
    /** Whether a writer touches the pages of its queue file ahead of its logging threads. */
    public static final String PRETOUCH = "applog.pretouch";
    public static final boolean PRETOUCH_DEFAULT = false;
    /** Whether the SLF4J provider routes {@code java.util.logging} into applog. */
    public static final String JUL = "applog.jul";
    public static final boolean JUL_DEFAULT = true;
    /** Resource read by {@link #fromEnvironment()}; system properties override it. */
    public static final String RESOURCE = "applog.properties";

    /**
     * Set to {@value #TOOL_ROLE} by applog's own processes (drainer, CLI): their logging goes to
     * stderr and never into a queue. Not a user setting.
     */
    public static final String ROLE = "applog.role";
    public static final String TOOL_ROLE = "tool";
    /** {@code true} keeps Chronicle's native POSIX bindings (off by default: about 100 ms of start-up). */
    public static final String CHRONICLE_POSIX = "applog.chronicle.posix";
    /** Keys under this prefix are reserved for applog's own test suite and ignored here. */
    public static final String TEST_PREFIX = "applog.test.";
    /** Largest heartbeat timeout in seconds (a day); {@code 0} means never. */
    public static final int TIMEOUT_SEC_MAX = 86_400;

    /** The settings a user sets, in the order the README lists them. */
    private static final List<String> USER_KEYS = List.of(QUEUE, PROCESS, LEVEL, DRAINER, LOGFILE,
            TIMEOUT_SEC, FORMAT, PATTERN, HEARTBEAT_MS, ROLL_CYCLE, MIN_FREE_MB, PRETOUCH, JUL);
    private static final Set<String> INTERNAL_KEYS = Set.of(ROLE, CHRONICLE_POSIX);

    /** Whether opening applog starts a drainer process when none holds the queue. */
    public enum DrainerMode { AUTO, NONE }

    private final Path queue;
    private final String process;
    private final Level level;
    private final Map<String, Level> loggerLevels;
    private final Path logfile;
    private final DrainerMode drainer;
    private final long heartbeatMillis;
    private final int timeoutSeconds;
    private final OutputFormat format;
    private final String pattern;
    private final RollCycle rollCycle;
    private final long minFreeBytes;
    private final boolean pretouch;
    private final boolean jul;

    private ApplogSettings(Builder b) {
        this.queue = b.queue.toAbsolutePath().normalize();
        this.process = b.process;
        this.level = b.level;
        this.loggerLevels = Collections.unmodifiableMap(new TreeMap<>(b.loggerLevels));
        this.logfile = b.logfile.toAbsolutePath().normalize();
        this.drainer = b.drainer;
        this.heartbeatMillis = b.heartbeatMillis;
        this.timeoutSeconds = b.timeoutSeconds;
        this.format = b.format;
        this.pattern = b.pattern;
        this.rollCycle = Queues.rollCycle(b.rollCycle);
        this.minFreeBytes = b.minFreeMb * 1024 * 1024;
        this.pretouch = b.pretouch;
        this.jul = b.jul;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings from the {@code applog.properties} resource (if any) overridden by system
     * properties: {@code applog.queue}, {@code applog.process}, {@code applog.level} (and
     * {@code applog.level.<logger prefix>}), {@code applog.logfile}, {@code applog.drainer},
     * {@code applog.heartbeatMs}, {@code applog.timeoutSec}, {@code applog.format}, {@code applog.pattern},
     * {@code applog.rollCycle}, {@code applog.minFreeMb}, {@code applog.pretouch},
     * {@code applog.jul}. An unknown {@code applog.*} key is reported on stderr (one line) and
     * ignored.
     *
     * @throws IllegalArgumentException naming the property and value that are invalid
     */
    public static ApplogSettings fromEnvironment() {
        return fromProperties(environment());
    }

    /**
     * The {@code applog.*} properties {@link #fromEnvironment()} reads: the {@code applog.properties}
     * resource (if any) overridden by system properties; an unknown {@code applog.*} key is reported
     * on stderr (one line). For front ends configured elsewhere as well (a Logback appender's
     * settings), which put their own keys over these and call {@link #fromProperties}.
     *
     * @throws IllegalArgumentException if the resource cannot be read
     */
    public static Properties environment() {
        Properties props = new Properties();
        ClassLoader loader = ApplogSettings.class.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(RESOURCE + ": " + e.getMessage(), e);
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("applog.")) {
                props.setProperty(key, System.getProperty(key));
            }
        }
        for (String key : unknownKeys(props)) {
            InternalLog.warn(key + ": unknown setting, ignored (known: " + String.join(", ", USER_KEYS)
                    + ", " + LEVEL + ".<logger prefix>)");
        }
        return props;
    }

    /** The {@code applog.*} keys of {@code props} that no setting reads, sorted. */
    static List<String> unknownKeys(Properties props) {
        List<String> unknown = new ArrayList<>();
        for (String k : new TreeSet<>(props.stringPropertyNames())) {
            if (k.startsWith("applog.") && !USER_KEYS.contains(k) && !INTERNAL_KEYS.contains(k)
                    && !k.startsWith(LEVEL + ".") && !k.startsWith(TEST_PREFIX)) {
                unknown.add(k);
            }
        }
        return unknown;
    }

    /**
     * The roll cycle named by the {@code applog.rollCycle} system property, or null: the
     * default of {@link Builder#rollCycle}, of a reader opening a queue that has no cycle file
     * yet, and what a started drainer inherits.
     */
    public static String rollCycleProperty() {
        return System.getProperty(ROLL_CYCLE);
    }

    /** True in applog's own processes (system property {@code applog.role=tool}). */
    public static boolean isToolProcess() {
        return TOOL_ROLE.equals(System.getProperty(ROLE));
    }

    /** Marks this process as one of applog's own tools; see {@link #ROLE}. */
    public static void markToolProcess() {
        System.setProperty(ROLE, TOOL_ROLE);
    }

    /** True if Chronicle's native POSIX bindings stay on ({@code applog.chronicle.posix=true}). */
    public static boolean chroniclePosix() {
        return Boolean.parseBoolean(System.getProperty(CHRONICLE_POSIX));
    }

    /** Settings from the given properties; unknown {@code applog.*} keys are ignored. */
    public static ApplogSettings fromProperties(Properties props) {
        Builder b = builder();
        String v;
        if ((v = props.getProperty(QUEUE)) != null) {
            b.queue(Path.of(v));
        }
        if ((v = props.getProperty(PROCESS)) != null) {
            b.process(v);
        }
        if ((v = props.getProperty(LEVEL)) != null) {
            b.level(parseLevel(LEVEL, v));
        }
        if ((v = props.getProperty(LOGFILE)) != null) {
            b.logfile(Path.of(v));
        }
        if ((v = props.getProperty(DRAINER)) != null) {
            b.drainer(parseMode(v));
        }
        if ((v = props.getProperty(HEARTBEAT_MS)) != null) {
            b.heartbeatMillis(parseLong(HEARTBEAT_MS, v));
        }
        if ((v = props.getProperty(TIMEOUT_SEC)) != null) {
            b.timeoutSeconds(parseInt(TIMEOUT_SEC, v, 0, TIMEOUT_SEC_MAX));
        }
        if ((v = props.getProperty(FORMAT)) != null) {
            b.format(OutputFormat.parse(FORMAT, v));
        }
        if ((v = props.getProperty(PATTERN)) != null) {
            b.pattern(v);
        }
        if ((v = props.getProperty(ROLL_CYCLE)) != null) {
            b.rollCycle(v);
        }
        if ((v = props.getProperty(MIN_FREE_MB)) != null) {
            b.minFreeMb(parseLong(MIN_FREE_MB, v));
        }
        if ((v = props.getProperty(PRETOUCH)) != null) {
            b.pretouch(parseBoolean(PRETOUCH, v));
        }
        if ((v = props.getProperty(JUL)) != null) {
            b.jul(parseBoolean(JUL, v));
        }
        String prefix = LEVEL + ".";
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                b.level(key.substring(prefix.length()), parseLevel(key, props.getProperty(key)));
            }
        }
        return b.build();
    }

    private static Level parseLevel(String key, String v) {
        try {
            return Level.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + v
                    + " (expected TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
        }
    }

    private static DrainerMode parseMode(String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "auto": return DrainerMode.AUTO;
            case "none": return DrainerMode.NONE;
            default: throw new IllegalArgumentException(DRAINER + "=" + v + " (expected auto or none)");
        }
    }

    private static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + v + " (expected a whole number)");
        }
    }

    private static int parseInt(String name, String v, int min, int max) {
        long n = parseLong(name, v);
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + "=" + v + " (expected " + min + ".." + max + ")");
        }
        return (int) n;
    }

    private static boolean parseBoolean(String name, String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + "=" + v + " (expected true or false)");
        };
    }

    private static String defaultQueue() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "applog-" + user).toString();
    }

    /** Default process name: the simple name of the main class or jar, else {@code java}. */
    static String defaultProcessName() {
        String command = System.getProperty("sun.java.command", "").trim();
        if (command.isEmpty()) {
            return "java";
        }
        String first = command.split("\\s+", 2)[0];
        if (first.endsWith(".jar")) {
            String file = Path.of(first).getFileName().toString();
            return file.substring(0, file.length() - 4);
        }
        int dot = first.lastIndexOf('.');
        return dot >= 0 ? first.substring(dot + 1) : first;
    }

    public Path queue() {
        return queue;
    }

    public String process() {
        return process;
    }

    public Level level() {
        return level;
    }

    /** The threshold for a logger: the level of its longest configured prefix, else the root. */
    public Level levelFor(String loggerName) {
        Level best = level;
        int bestLength = -1;
        for (Map.Entry<String, Level> e : loggerLevels.entrySet()) {
            String p = e.getKey();
            if (p.length() > bestLength && loggerName.startsWith(p)
                    && (loggerName.length() == p.length() || loggerName.charAt(p.length()) == '.'
                    || loggerName.charAt(p.length()) == '$')) {
                best = e.getValue();
                bestLength = p.length();
            }
        }
        return best;
    }

    /** The per-logger thresholds ({@code applog.level.<prefix>}), by prefix. */
    public Map<String, Level> loggerLevels() {
        return loggerLevels;
    }

    public Path logfile() {
        return logfile;
    }

    public DrainerMode drainer() {
        return drainer;
    }

    public long heartbeatMillis() {
        return heartbeatMillis;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public OutputFormat format() {
        return format;
    }

    /** The text line's pattern of an auto-started drainer, or null for the default line. */
    public String pattern() {
        return pattern;
    }

    /** The roll cycle of this process's writer queue. */
    public RollCycle rollCycle() {
        return rollCycle;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public boolean pretouch() {
        return pretouch;
    }

    /** Whether the SLF4J provider routes {@code java.util.logging} into applog. */
    public boolean jul() {
        return jul;
    }

    /** Builder with defaults; {@link #build()} validates once. */
    public static final class Builder {
        private Path queue = Path.of(QUEUE_DEFAULT);
        private String process = defaultProcessName();
        private Level level = LEVEL_DEFAULT;
        private final Map<String, Level> loggerLevels = new TreeMap<>();
        private Path logfile = Path.of(LOGFILE_DEFAULT);
        private DrainerMode drainer = DRAINER_DEFAULT;
        private long heartbeatMillis = HEARTBEAT_MS_DEFAULT;
        private int timeoutSeconds = TIMEOUT_SEC_DEFAULT;
        private OutputFormat format = FORMAT_DEFAULT;
        private String pattern = PATTERN_DEFAULT;
        private String rollCycle = rollCycleProperty() != null ? rollCycleProperty() : ROLL_CYCLE_DEFAULT;
        private long minFreeMb = MIN_FREE_MB_DEFAULT;
        private boolean pretouch = PRETOUCH_DEFAULT;
        private boolean jul = JUL_DEFAULT;

        private Builder() {
        }

        public Builder queue(Path queue) {
            this.queue = queue;
            return this;
        }

        public Builder process(String process) {
            this.process = process;
            return this;
        }

        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        /** Threshold for loggers whose name is {@code prefix} or starts with {@code prefix.}. */
        public Builder level(String prefix, Level level) {
            this.loggerLevels.put(prefix, level);
            return this;
        }

        public Builder logfile(Path logfile) {
            this.logfile = logfile;
            return this;
        }

        public Builder drainer(DrainerMode drainer) {
            this.drainer = drainer;
            return this;
        }

        public Builder heartbeatMillis(long heartbeatMillis) {
            this.heartbeatMillis = heartbeatMillis;
            return this;
        }

        /** Heartbeat timeout of an auto-started drainer. */
        public Builder timeoutSeconds(int timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        /** Output format of an auto-started drainer. */
        public Builder format(OutputFormat format) {
            this.format = format;
            return this;
        }

        /**
         * Text line of an auto-started drainer ({@code applog drain --pattern}); null for the
         * default line. Its syntax and conversion words are checked by {@link #build()}, the
         * options of its words (date patterns, time zones) by the drainer when it starts.
         */
        public Builder pattern(String pattern) {
            this.pattern = pattern;
            return this;
        }

        /** Roll cycle of the writer queue, a name from Chronicle's RollCycles (e.g. {@code FIVE_MINUTELY}). */
        public Builder rollCycle(String rollCycle) {
            this.rollCycle = rollCycle;
            return this;
        }

        public Builder minFreeMb(long minFreeMb) {
            this.minFreeMb = minFreeMb;
            return this;
        }

        /** Touch queue pages ahead of the logging threads on a daemon thread (default false). */
        public Builder pretouch(boolean pretouch) {
            this.pretouch = pretouch;
            return this;
        }

        /** Whether the SLF4J provider routes {@code java.util.logging} into applog (default true). */
        public Builder jul(boolean jul) {
            this.jul = jul;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public ApplogSettings build() {
            require(queue != null, QUEUE + "=null");
            require(process != null && !process.isBlank(), PROCESS + "=" + process);
            require(level != null, LEVEL + "=null");
            require(logfile != null, LOGFILE + "=null");
            require(drainer != null, DRAINER + "=null");
            require(heartbeatMillis >= 10 && heartbeatMillis <= 60_000,
                    HEARTBEAT_MS + "=" + heartbeatMillis + " (expected 10..60000)");
            require(timeoutSeconds >= 0 && timeoutSeconds <= TIMEOUT_SEC_MAX,
                    TIMEOUT_SEC + "=" + timeoutSeconds + " (expected 0.." + TIMEOUT_SEC_MAX + ")");
            require(format != null, FORMAT + "=null");
            if (pattern != null) {
                require(format == OutputFormat.TEXT,
                        PATTERN + "=" + pattern + " (for " + FORMAT + "=text only, not " + format.id() + ")");
                try {
                    PatternSyntax.parse(pattern);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PATTERN + "=" + pattern + " (" + e.getMessage() + ")");
                }
            }
            require(minFreeMb >= 0 && minFreeMb <= Long.MAX_VALUE / (1024 * 1024),
                    MIN_FREE_MB + "=" + minFreeMb + " (expected >= 0)");
            require(rollCycle != null, ROLL_CYCLE + "=null");
            Queues.rollCycle(rollCycle);
            return new ApplogSettings(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
