package com.webriskops.webhooks.internal;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Defensive copies for record components. */
public final class Immutables {
    private Immutables() {}

    /**
     * An unmodifiable copy of {@code list}, or an empty list for null. Unlike {@link List#copyOf},
     * null elements are kept, so that Bean Validation can report them instead of a constructor
     * failing.
     */
    public static <T> List<T> list(@Nullable List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
