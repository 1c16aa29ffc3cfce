package io.applog;

/**
 * Severity of a record, lowest first. {@link #OFF} is only a threshold: no record carries it.
 */
public enum Level {
    TRACE("TRACE"),
    DEBUG("DEBUG"),
    INFO("INFO "),
    WARN("WARN "),
    ERROR("ERROR"),
    OFF("OFF  ");

    private static final Level[] BY_CODE = values();

    private final String padded;

    Level(String padded) {
        this.padded = padded;
    }

    /** The name padded to five characters, as it appears in a text line. */
    public String padded() {
        return padded;
    }

    /** The byte stored in a record. */
    public byte code() {
        return (byte) ordinal();
    }

    /** The level for a stored byte; an unknown byte reads as ERROR so nothing is hidden. */
    public static Level fromCode(int code) {
        return code >= 0 && code < BY_CODE.length - 1 ? BY_CODE[code] : ERROR;
    }

    /**
     * Parses a level name, case-insensitively; also accepts WARNING, FATAL, SEVERE and ALL.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static Level parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("level=null");
        }
        switch (name.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE": case "ALL": case "FINEST": case "FINER": return TRACE;
            case "DEBUG": case "FINE": return DEBUG;
            case "INFO": case "CONFIG": return INFO;
            case "WARN": case "WARNING": return WARN;
            case "ERROR": case "FATAL": case "SEVERE": return ERROR;
            case "OFF": return OFF;
            default:
                throw new IllegalArgumentException(
                        "level=" + name + " (expected TRACE, DEBUG, INFO, WARN, ERROR or OFF)");
        }
    }
}
