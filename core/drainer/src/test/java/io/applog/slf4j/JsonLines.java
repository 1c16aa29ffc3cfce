package io.applog.slf4j;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON Lines into maps (nested objects as maps, numbers as longs). */
public final class JsonLines {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLines() {
    }

    public static List<Map<String, Object>> parse(List<String> lines) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : lines) {
            try (JsonParser p = FACTORY.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not an object: " + line);
                }
                records.add(object(p));
            }
        }
        return records;
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                map.put(key, object(p));
            } else if (t == JsonToken.VALUE_NUMBER_INT) {
                map.put(key, p.getLongValue());
            } else if (t == JsonToken.VALUE_NULL) {
                map.put(key, null);
            } else {
                map.put(key, p.getText());
            }
        }
        return map;
    }
}
