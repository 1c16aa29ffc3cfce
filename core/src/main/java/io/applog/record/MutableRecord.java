package io.applog.record;

import io.applog.Level;

import java.util.Map;

/**
 * One LOG record as a front end fills it, by name, before handing it to the writer: the
 * translator idea of a pre-allocated event. Each thread reuses its own instance, so a logging
 * call with up to a few arguments allocates nothing:
 *
 * <pre>{@code
 * MutableRecord record = MutableRecord.acquire()
 *         .level(Level.INFO).logger(name).template("order {} for {}")
 *         .argument(order).argument(customer)
 *         .mdc(ThreadContext.current());
 * writer.append(record); // captures, encodes inside the document, then resets the record
 * }</pre>
 *
 * <p>Filling stores references only and never runs application code, so it cannot throw:
 * {@link #capture()}, called by the writer before it takes its lock, turns arguments into
 * values ({@code toString()} now, strings and boxed primitives as they are) and the throwable
 * into its text. Whoever {@linkplain #acquire() acquires} a record hands it on or
 * {@linkplain #reset() resets} it.
 *
 * <p>Re-entrancy: a {@code toString()} that logs on the same thread while its record is being
 * captured or encoded acquires another record (each thread keeps a few, nested), so the record
 * being filled is never overwritten.
 *
 * <p>A record holds what {@link RecordEncoder#log} writes, in the order of
 * {@link RecordLayout}: thread (null: the thread that hands it to the writer), logger,
 * template, arguments, throwable, MDC, key-value pairs. The level goes into the header, and
 * so does the time: the writer's clock, or a time the record carries
 * ({@link #timestampNanos(long)}, for records that come from another program).
 */
public final class MutableRecord {
    /** Records kept per thread besides the first, for logging from inside a {@code toString()}. */
    private static final int NESTED_KEPT = 3;
    private static final int INITIAL_ARGUMENTS = 4;
    /** Arrays grown beyond this are dropped on reset, so one huge record does not stay pinned. */
    private static final int MAX_KEPT_ARGUMENTS = 64;
    private static final ThreadLocal<MutableRecord> THREAD = ThreadLocal.withInitial(MutableRecord::new);

    private Level level = Level.INFO;
    /** Epoch nanoseconds the record carries; 0: the writer's clock. */
    private long timestampNanos;
    private String thread;
    private String logger;
    private String template;
    private Object[] arguments = new Object[INITIAL_ARGUMENTS];
    private int argumentCount;
    private Throwable throwable;
    private String throwableText;
    private Map<String, String> mdc;
    /** Keys and values alternating. */
    private Object[] keyValues = new Object[INITIAL_ARGUMENTS];
    private int keyValueCount;

    private boolean inUse;
    private MutableRecord nested;

    /** An empty record of its own; front ends use {@link #acquire()} instead. */
    public MutableRecord() {
    }

    /**
     * The calling thread's record, empty. If that one is still being filled or written on this
     * thread (a {@code toString()} that logs), the next one of the thread's few nested records,
     * or beyond those a new one. The record is in use until {@link #reset()}; it belongs to
     * this thread, so it is filled and handed on here (a record that travels to another
     * thread is a {@linkplain #MutableRecord() record of its own}).
     */
    public static MutableRecord acquire() {
        MutableRecord r = THREAD.get();
        for (int depth = 0; r.inUse; depth++) {
            MutableRecord next = r.nested;
            if (next == null) {
                next = new MutableRecord();
                if (depth < NESTED_KEPT) {
                    r.nested = next;
                }
            }
            r = next;
        }
        r.inUse = true;
        return r;
    }

    /** The record's level; not {@link Level#OFF}, which is only a threshold. */
    public MutableRecord level(Level level) {
        this.level = level;
        return this;
    }

    /**
     * The time the record carries, in epoch nanoseconds, for a record made by another program
     * (structured input); 0, the default, takes the writer's clock. The writer keeps the time
     * only within the bounds its merge order allows ({@link io.applog.writer.QueueWriter#append}).
     */
    public MutableRecord timestampNanos(long epochNanos) {
        this.timestampNanos = epochNanos;
        return this;
    }

    /** The thread's name; not needed when the thread that logs hands the record on itself. */
    public MutableRecord thread(String thread) {
        this.thread = thread;
        return this;
    }

    public MutableRecord logger(String logger) {
        this.logger = logger;
        return this;
    }

    /** The message with {@code {}} placeholders, filled by the drainer; null is kept as null. */
    public MutableRecord template(String template) {
        this.template = template;
        return this;
    }

    /** Adds the next placeholder argument. */
    public MutableRecord argument(Object argument) {
        if (argumentCount == arguments.length) {
            arguments = grown(arguments, argumentCount + 1);
        }
        arguments[argumentCount++] = argument;
        return this;
    }

    /** Adds every element of {@code arguments} (none when null); the array is not kept. */
    public MutableRecord arguments(Object[] arguments) {
        return arguments(arguments, arguments == null ? 0 : arguments.length);
    }

    /** Adds the first {@code count} elements of {@code arguments}; the array is not kept. */
    public MutableRecord arguments(Object[] arguments, int count) {
        if (count <= 0) {
            return this;
        }
        final int n = argumentCount + count;
        if (n > this.arguments.length) {
            this.arguments = grown(this.arguments, n);
        }
        System.arraycopy(arguments, 0, this.arguments, argumentCount, count);
        argumentCount = n;
        return this;
    }

    /** The record's throwable (null: none), rendered like {@code printStackTrace()} on capture. */
    public MutableRecord throwable(Throwable throwable) {
        this.throwable = throwable;
        return this;
    }

    /** A throwable already rendered as text, for events that carry no {@link Throwable}. */
    public MutableRecord throwableText(String text) {
        this.throwable = null;
        this.throwableText = text;
        return this;
    }

    /**
     * The thread's diagnostic context, taken by reference and read when the record is encoded:
     * pass a map nobody changes afterwards (as {@code ThreadContext.current()} is), or null.
     */
    public MutableRecord mdc(Map<String, String> mdc) {
        this.mdc = mdc;
        return this;
    }

    /** Adds one key-value pair; the value is captured like an argument. */
    public MutableRecord keyValue(String key, Object value) {
        final int i = 2 * keyValueCount;
        if (i + 2 > keyValues.length) {
            keyValues = grown(keyValues, i + 2);
        }
        keyValues[i] = key;
        keyValues[i + 1] = value;
        keyValueCount++;
        return this;
    }

    /** Adds the pairs of {@code alternating} (key, value, key, value...; a last odd key is ignored). */
    public MutableRecord keyValues(Object[] alternating) {
        if (alternating == null) {
            return this;
        }
        final int pairs = alternating.length / 2;
        final int n = 2 * (keyValueCount + pairs);
        if (n > keyValues.length) {
            keyValues = grown(keyValues, n);
        }
        System.arraycopy(alternating, 0, keyValues, 2 * keyValueCount, 2 * pairs);
        keyValueCount += pairs;
        return this;
    }

    /**
     * Captures what may still change or run application code, in the caller's thread:
     * arguments, keys and values become values ({@code toString()} now; strings and boxed
     * primitives as they are; a throwing {@code toString()} a visible placeholder) and the
     * throwable becomes its text. Never throws.
     */
    public void capture() {
        final Object[] args = arguments;
        for (int i = 0; i < argumentCount; i++) {
            args[i] = ArgumentCapture.capture(args[i]);
        }
        final Object[] kv = keyValues;
        for (int i = 0; i < 2 * keyValueCount; i++) {
            kv[i] = ArgumentCapture.capture(kv[i]);
        }
        if (throwable != null) {
            throwableText = ArgumentCapture.throwableText(throwable);
            throwable = null;
        }
    }

    /** Empties the record and, if it was acquired, gives it back to its thread. */
    public void reset() {
        level = Level.INFO;
        timestampNanos = 0;
        thread = null;
        logger = null;
        template = null;
        clear(arguments, argumentCount);
        argumentCount = 0;
        if (arguments.length > MAX_KEPT_ARGUMENTS) {
            arguments = new Object[INITIAL_ARGUMENTS];
        }
        throwable = null;
        throwableText = null;
        mdc = null;
        clear(keyValues, 2 * keyValueCount);
        keyValueCount = 0;
        if (keyValues.length > MAX_KEPT_ARGUMENTS) {
            keyValues = new Object[INITIAL_ARGUMENTS];
        }
        inUse = false;
    }

    public Level level() {
        return level;
    }

    /** The time the record carries (epoch nanoseconds), or 0 for the writer's clock. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** The thread's name, or null for the thread that hands the record to the writer. */
    public String thread() {
        return thread;
    }

    public String logger() {
        return logger;
    }

    public String template() {
        return template;
    }

    public int argumentCount() {
        return argumentCount;
    }

    /**
     * Argument {@code i} (0-based, below {@link #argumentCount()}). Not {@code argument(int)}:
     * that name adds an argument, and an int argument would pick the getter.
     */
    public Object argumentAt(int i) {
        return arguments[i];
    }

    /** The throwable's text once {@linkplain #capture() captured} (or as given), else null. */
    public String throwableText() {
        return throwableText;
    }

    public Map<String, String> mdc() {
        return mdc;
    }

    public int keyValueCount() {
        return keyValueCount;
    }

    /** Key {@code i} (0-based, below {@link #keyValueCount()}) as text. */
    public String keyAt(int i) {
        return String.valueOf(keyValues[2 * i]);
    }

    /** Value {@code i} (0-based, below {@link #keyValueCount()}). */
    public Object valueAt(int i) {
        return keyValues[2 * i + 1];
    }

    private static Object[] grown(Object[] array, int needed) {
        Object[] copy = new Object[Math.max(needed, 2 * array.length)];
        System.arraycopy(array, 0, copy, 0, array.length);
        return copy;
    }

    private static void clear(Object[] array, int count) {
        for (int i = 0; i < count; i++) {
            array[i] = null;
        }
    }
}
