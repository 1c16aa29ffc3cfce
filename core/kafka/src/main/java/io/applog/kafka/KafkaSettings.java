package io.applog.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the topic is and how to reach it: the bootstrap servers, the topic (validated once),
 * and the Kafka client properties the user passes through ({@code --kafka-config FILE}, then
 * each {@code --kafka-property K=V}), such as TLS and SASL settings. Values of properties that
 * can hold credentials are never printed: {@link #describe} masks them.
 *
 * @param bootstrap  {@code HOST:PORT[,HOST:PORT...]}
 * @param topic      the topic shipped to and collected from
 * @param properties the user's client properties (a copy)
 */
public record KafkaSettings(String bootstrap, String topic, Map<String, String> properties) {
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");
    /** {@code password="x"}, {@code secret=x} ... as a JAAS line or a message quotes them. */
    private static final Pattern JAAS_SECRET = Pattern.compile(
            "(?i)(\\b[\\w.]*(?:password|secret|token|credential)[\\w.]*)\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s;,)]+)");
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "jaas", "token", "credential", "key");

    public KafkaSettings {
        if (bootstrap == null || !HOST_PORT.matcher(bootstrap).matches()) {
            throw new IllegalArgumentException("kafka=" + bootstrap + " (expected HOST:PORT[,HOST:PORT...])");
        }
        validateTopic(topic);
        properties = Map.copyOf(properties);
    }

    /** Throws IllegalArgumentException unless {@code topic} is a legal Kafka topic name. */
    public static void validateTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("topic=" + topic
                    + " (expected 1 to 249 of the characters A-Z a-z 0-9 . _ -, not . or ..)");
        }
    }

    /**
     * The user's properties: those of {@code configFile} (if not null), then {@code pairs}
     * ({@code KEY=VALUE} each) over them.
     */
    public static Map<String, String> properties(Path configFile, List<String> pairs) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String k : p.stringPropertyNames()) {
                out.put(k, p.getProperty(k));
            }
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("kafka-property=" + mask(pair) + " (expected KEY=VALUE)");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return out;
    }

    /** True if a property of this name can hold a credential (its value is never printed). */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (k.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** {@code KEY=VALUE} with the value masked when the key can hold a credential. */
    static String mask(String pair) {
        int eq = pair.indexOf('=');
        return eq > 0 && isSecret(pair.substring(0, eq)) ? pair.substring(0, eq) + "=[hidden]" : pair;
    }

    /** The client properties: the user's first, then the ones applog needs (never overridden). */
    Properties client(Map<String, String> forced) {
        return client(Map.of(), forced);
    }

    /**
     * The client properties: applog's {@code defaults} (the user's win over them), the user's,
     * then the ones applog needs ({@code forced}, never overridden).
     */
    Properties client(Map<String, String> defaults, Map<String, String> forced) {
        Properties p = new Properties();
        p.putAll(defaults);
        p.putAll(properties);
        p.put("bootstrap.servers", bootstrap);
        p.putAll(forced);
        return p;
    }

    /**
     * {@code text} (a message, say of a Kafka client's exception) with every value of a
     * property that can hold a credential replaced by {@code [hidden]}, and so every
     * {@code password=...} or {@code secret=...} of a JAAS line in it.
     */
    public String maskSecrets(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (isSecret(e.getKey()) && !e.getValue().isEmpty()) {
                out = out.replace(e.getValue(), "[hidden]");
            }
        }
        return JAAS_SECRET.matcher(out).replaceAll("$1=[hidden]");
    }

    /** For messages: servers, topic and the user's properties, credentials masked. */
    public String describe() {
        StringBuilder sb = new StringBuilder("kafka=").append(bootstrap).append(" topic=").append(topic);
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(isSecret(e.getKey()) ? "[hidden]" : e.getValue());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
