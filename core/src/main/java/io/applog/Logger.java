package io.applog;

import io.applog.record.MutableRecord;

/**
 * A named logger. Level checks come first, then the call fills the thread's reusable record
 * by name and appends it to this process's queue in the caller's thread. Fixed-arity
 * overloads (0, 1, 2 arguments) allocate nothing of their own; a trailing {@link Throwable}
 * argument is the record's throwable, as in SLF4J. Messages use {@code {}} placeholders only;
 * nothing else is interpreted.
 */
public final class Logger {
    private final Applog applog;
    private final String name;
    private final int threshold;

    Logger(Applog applog, String name, Level threshold) {
        this.applog = applog;
        this.name = name;
        this.threshold = threshold.ordinal();
    }

    public String name() {
        return name;
    }

    public boolean isEnabled(Level level) {
        return level.ordinal() >= threshold && level != Level.OFF;
    }

    /** One record at {@code level}: the general form of the methods below. */
    public void log(Level level, String template, Object... args) {
        if (isEnabled(level)) {
            logArray(level, template, args);
        }
    }

    /** The calling thread's record with this logger's name and the template, to fill further. */
    private MutableRecord record(Level level, String template) {
        return MutableRecord.acquire().level(level).logger(name).template(template);
    }

    private void log0(Level level, String msg) {
        applog.append(record(level, msg));
    }

    private void log1(Level level, String template, Object a) {
        final MutableRecord r = record(level, template);
        if (a instanceof Throwable) {
            r.throwable((Throwable) a);
        } else {
            r.argument(a);
        }
        applog.append(r);
    }

    private void log2(Level level, String template, Object a, Object b) {
        final MutableRecord r = record(level, template).argument(a);
        if (b instanceof Throwable) {
            r.throwable((Throwable) b);
        } else {
            r.argument(b);
        }
        applog.append(r);
    }

    private void logArray(Level level, String template, Object[] args) {
        int n = args == null ? 0 : args.length;
        Throwable t = null;
        if (n > 0 && args[n - 1] instanceof Throwable) {
            t = (Throwable) args[n - 1];
            n--;
        }
        applog.append(record(level, template).arguments(args, n).throwable(t));
    }

    private void logThrown(Level level, String msg, Throwable t) {
        applog.append(record(level, msg).throwable(t));
    }

    public boolean isTraceEnabled() {
        return Level.TRACE.ordinal() >= threshold;
    }

    public void trace(String msg) {
        if (Level.TRACE.ordinal() >= threshold) {
            log0(Level.TRACE, msg);
        }
    }

    public void trace(String template, Object arg) {
        if (Level.TRACE.ordinal() >= threshold) {
            log1(Level.TRACE, template, arg);
        }
    }

    public void trace(String template, Object arg1, Object arg2) {
        if (Level.TRACE.ordinal() >= threshold) {
            log2(Level.TRACE, template, arg1, arg2);
        }
    }

    public void trace(String template, Object... args) {
        if (Level.TRACE.ordinal() >= threshold) {
            logArray(Level.TRACE, template, args);
        }
    }

    public void trace(String msg, Throwable t) {
        if (Level.TRACE.ordinal() >= threshold) {
            logThrown(Level.TRACE, msg, t);
        }
    }

    public boolean isDebugEnabled() {
        return Level.DEBUG.ordinal() >= threshold;
    }

    public void debug(String msg) {
        if (Level.DEBUG.ordinal() >= threshold) {
            log0(Level.DEBUG, msg);
        }
    }

    public void debug(String template, Object arg) {
        if (Level.DEBUG.ordinal() >= threshold) {
            log1(Level.DEBUG, template, arg);
        }
    }

    public void debug(String template, Object arg1, Object arg2) {
        if (Level.DEBUG.ordinal() >= threshold) {
            log2(Level.DEBUG, template, arg1, arg2);
        }
    }

    public void debug(String template, Object... args) {
        if (Level.DEBUG.ordinal() >= threshold) {
            logArray(Level.DEBUG, template, args);
        }
    }

    public void debug(String msg, Throwable t) {
        if (Level.DEBUG.ordinal() >= threshold) {
            logThrown(Level.DEBUG, msg, t);
        }
    }

    public boolean isInfoEnabled() {
        return Level.INFO.ordinal() >= threshold;
    }

    public void info(String msg) {
        if (Level.INFO.ordinal() >= threshold) {
            log0(Level.INFO, msg);
        }
    }

    public void info(String template, Object arg) {
        if (Level.INFO.ordinal() >= threshold) {
            log1(Level.INFO, template, arg);
        }
    }

    public void info(String template, Object arg1, Object arg2) {
        if (Level.INFO.ordinal() >= threshold) {
            log2(Level.INFO, template, arg1, arg2);
        }
    }

    public void info(String template, Object... args) {
        if (Level.INFO.ordinal() >= threshold) {
            logArray(Level.INFO, template, args);
        }
    }

    public void info(String msg, Throwable t) {
        if (Level.INFO.ordinal() >= threshold) {
            logThrown(Level.INFO, msg, t);
        }
    }

    public boolean isWarnEnabled() {
        return Level.WARN.ordinal() >= threshold;
    }

    public void warn(String msg) {
        if (Level.WARN.ordinal() >= threshold) {
            log0(Level.WARN, msg);
        }
    }

    public void warn(String template, Object arg) {
        if (Level.WARN.ordinal() >= threshold) {
            log1(Level.WARN, template, arg);
        }
    }

    public void warn(String template, Object arg1, Object arg2) {
        if (Level.WARN.ordinal() >= threshold) {
            log2(Level.WARN, template, arg1, arg2);
        }
    }

    public void warn(String template, Object... args) {
        if (Level.WARN.ordinal() >= threshold) {
            logArray(Level.WARN, template, args);
        }
    }

    public void warn(String msg, Throwable t) {
        if (Level.WARN.ordinal() >= threshold) {
            logThrown(Level.WARN, msg, t);
        }
    }

    public boolean isErrorEnabled() {
        return Level.ERROR.ordinal() >= threshold;
    }

    public void error(String msg) {
        if (Level.ERROR.ordinal() >= threshold) {
            log0(Level.ERROR, msg);
        }
    }

    public void error(String template, Object arg) {
        if (Level.ERROR.ordinal() >= threshold) {
            log1(Level.ERROR, template, arg);
        }
    }

    public void error(String template, Object arg1, Object arg2) {
        if (Level.ERROR.ordinal() >= threshold) {
            log2(Level.ERROR, template, arg1, arg2);
        }
    }

    public void error(String template, Object... args) {
        if (Level.ERROR.ordinal() >= threshold) {
            logArray(Level.ERROR, template, args);
        }
    }

    public void error(String msg, Throwable t) {
        if (Level.ERROR.ordinal() >= threshold) {
            logThrown(Level.ERROR, msg, t);
        }
    }
}
