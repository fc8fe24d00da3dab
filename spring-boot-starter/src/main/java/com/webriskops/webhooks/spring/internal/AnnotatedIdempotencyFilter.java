package com.webriskops.webhooks.spring.internal;

import com.webriskops.webhooks.spring.IdempotentEndpoint;
import jakarta.annotation.Nullable;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Runs the idempotency filters (shared-secret check, then {@code IdempotencyFilter}) in front of the
 * Spring MVC handler methods annotated with {@link IdempotentEndpoint}, and passes every other request
 * through. The annotated mappings are collected once, at the first request; a request is idempotent when
 * the handler Spring MVC would choose for it is annotated. Thread-safe.
 */
public final class AnnotatedIdempotencyFilter implements Filter {
    private final Filter idempotency;
    private final Supplier<List<RequestMappingHandlerMapping>> mappings;

    @Nullable
    private volatile List<Annotated> annotatedCache;

    private record Annotated(RequestMappingHandlerMapping mapping, List<RequestMappingInfo> infos) {}

    /**
     * @param idempotency the filter to run for annotated handlers (it calls the chain itself)
     * @param mappings the application's request mappings, read at the first request
     */
    public AnnotatedIdempotencyFilter(Filter idempotency, Supplier<List<RequestMappingHandlerMapping>> mappings) {
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.mappings = Objects.requireNonNull(mappings, "mappings");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isIdempotent(http)) {
            idempotency.doFilter(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean isIdempotent(HttpServletRequest request) {
        List<Annotated> all = annotated();
        if (all.isEmpty()) {
            return false;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        Set<String> before = new HashSet<>(Collections.list(request.getAttributeNames()));
        try {
            for (Annotated candidate : all) {
                if (candidate.infos().stream().noneMatch(info -> info.getMatchingCondition(request) != null)) {
                    continue;
                }
                // An annotated mapping matches: ask which handler MVC would choose (a better match wins).
                HandlerExecutionChain handler = candidate.mapping().getHandler(request);
                if (handler != null && handler.getHandler() instanceof HandlerMethod method && isAnnotated(method)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        } finally {
            for (String name : Collections.list(request.getAttributeNames())) {
                if (!before.contains(name)) {
                    request.removeAttribute(name);
                }
            }
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    private List<Annotated> annotated() {
        List<Annotated> found = annotatedCache;
        if (found == null) {
            List<Annotated> collected = new ArrayList<>();
            for (RequestMappingHandlerMapping mapping : mappings.get()) {
                List<RequestMappingInfo> infos = new ArrayList<>();
                for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                        mapping.getHandlerMethods().entrySet()) {
                    if (isAnnotated(entry.getValue())) {
                        infos.add(entry.getKey());
                    }
                }
                if (!infos.isEmpty()) {
                    collected.add(new Annotated(mapping, List.copyOf(infos)));
                }
            }
            found = List.copyOf(collected);
            annotatedCache = found;
        }
        return found;
    }

    private static boolean isAnnotated(HandlerMethod method) {
        return method.hasMethodAnnotation(IdempotentEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), IdempotentEndpoint.class);
    }

    @Override
    public String toString() {
        return "AnnotatedIdempotencyFilter[" + idempotency + "]";
    }
}
