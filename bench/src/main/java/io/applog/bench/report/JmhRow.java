package io.applog.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of JMH's JSON result file, reduced to what the report shows.
 *
 * @param benchmark   class simple name, e.g. {@code LatencyBench}
 * @param method      benchmark method, e.g. {@code oneThread}
 * @param mode        JMH's mode key: {@code sample}, {@code thrpt}, {@code ss}, ...
 * @param threads     benchmark threads
 * @param params      the {@code @Param} values
 * @param score       primary score
 * @param unit        primary score unit, e.g. {@code ns/op}
 * @param percentiles sample mode's percentiles by JMH's key ({@code "50.0"}, {@code "99.9"}, {@code "100.0"})
 * @param allocNorm   {@code gc.alloc.rate.norm} (bytes per operation) or null without {@code -prof gc}
 */
public record JmhRow(String benchmark, String method, String mode, int threads, Map<String, String> params,
                     double score, String unit, Map<String, Double> percentiles, Double allocNorm) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JmhRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
    }

    /** A {@code @Param} value, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** A percentile by JMH's key, or NaN. */
    public double percentile(String key) {
        Double v = percentiles.get(key);
        return v == null ? Double.NaN : v;
    }

    public static List<JmhRow> read(Path file) throws IOException {
        return parse(JSON.readTree(file.toFile()));
    }

    public static List<JmhRow> parse(String json) throws IOException {
        return parse(JSON.readTree(json));
    }

    /** Rows of a JMH JSON array, in its order. */
    public static List<JmhRow> parse(JsonNode array) {
        List<JmhRow> rows = new ArrayList<>();
        for (JsonNode n : array) {
            String full = n.path("benchmark").asText();
            int lastDot = full.lastIndexOf('.');
            String className = full.substring(0, Math.max(0, lastDot));
            String simple = className.substring(className.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode primary = n.path("primaryMetric");
            Map<String, Double> pct = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = primary.path("scorePercentiles").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pct.put(e.getKey(), e.getValue().asDouble());
            }
            JsonNode alloc = n.path("secondaryMetrics").path("gc.alloc.rate.norm");
            rows.add(new JmhRow(simple, full.substring(lastDot + 1), n.path("mode").asText(),
                    n.path("threads").asInt(), params, primary.path("score").asDouble(),
                    primary.path("scoreUnit").asText(), pct,
                    alloc.isMissingNode() ? null : alloc.path("score").asDouble()));
        }
        return rows;
    }
}
