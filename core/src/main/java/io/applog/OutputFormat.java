package io.applog;

import java.util.Locale;

/** The logfile's output format: what a drainer writes for each record. */
public enum OutputFormat {
    /** One line per record: {@code 2026-11-25 05:07:12.345678 INFO  worker-2[4242] [main] demo.Worker - text}. */
    TEXT,
    /** JSON Lines: one object per record. */
    JSON;

    /** The name used on the command line and in settings ({@code text}, {@code json}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Names accepted by {@link #parse}, for messages: {@code text or json}. */
    public static String expected() {
        StringBuilder sb = new StringBuilder();
        OutputFormat[] all = values();
        for (int i = 0; i < all.length; i++) {
            sb.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].id());
        }
        return sb.toString();
    }

    /**
     * The format named {@code name} (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException {@code <key>=<name> (expected text or json)}
     */
    public static OutputFormat parse(String key, String name) {
        String id = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException(key + "=" + name + " (expected " + expected() + ")");
    }

    @Override
    public String toString() {
        return id();
    }
}
