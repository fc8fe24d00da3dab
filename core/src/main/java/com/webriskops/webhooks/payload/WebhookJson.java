package com.webriskops.webhooks.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON configuration the kit reads and writes payloads with. Use {@link #newObjectMapper()} when
 * a framework needs an {@link ObjectMapper} for the payload records (a JAX-RS provider, say), so it
 * reads exactly what the verification pipeline read.
 *
 * <p>Reading is strict about the JSON and lenient about the schema: duplicate member names and
 * trailing content are errors, nesting is bounded, unknown members are ignored.
 */
public final class WebhookJson {
    /** Deepest nesting of arrays and objects accepted in a payload. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper SHARED = newObjectMapper();

    private WebhookJson() {}

    /** A new, independently configurable mapper with the kit's settings. */
    public static ObjectMapper newObjectMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * The kit's shared mapper. It is thread-safe; do not reconfigure it (use {@link
     * #newObjectMapper()} for that).
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }
}
