package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The shared test vectors: the {@code cases} of a JSON file under {@code test-vectors/} in core's test
 * resources (and its test-jar), each file made by the script of the same name from tools other than the
 * code under test.
 */
public final class TestVectors {
    private TestVectors() {}

    /** The {@code cases} array of {@code test-vectors/<file>}, in file order. */
    public static List<JsonNode> cases(String file) {
        return cases(file, Function.identity());
    }

    /** The {@code cases} of {@code test-vectors/<file>}, each read by {@code read}, in file order. */
    public static <T> List<T> cases(String file, Function<JsonNode, T> read) {
        String resource = "/test-vectors/" + file;
        try (InputStream in = TestVectors.class.getResourceAsStream(resource)) {
            List<T> cases = new ArrayList<>();
            for (JsonNode c : WebhookJson.mapper()
                    .readTree(Objects.requireNonNull(in, resource))
                    .path("cases")) {
                cases.add(read.apply(c));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
