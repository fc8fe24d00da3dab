package com.webriskops.webhooks.spring.internal;

import jakarta.servlet.Filter;
import java.util.Objects;

/** Filters run one after another as one filter. */
public final class FilterChains {
    private FilterChains() {}

    /** {@code first}, then {@code second}, then the rest of the chain (as far as each lets it). */
    public static Filter of(Filter first, Filter second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        return (request, response, chain) -> first.doFilter(
                request,
                response,
                (innerRequest, innerResponse) -> second.doFilter(innerRequest, innerResponse, chain));
    }
}
