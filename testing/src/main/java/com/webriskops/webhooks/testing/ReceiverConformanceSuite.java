package com.webriskops.webhooks.testing;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every receiver rule of the design, asserted as a sender sees it, for every scheme the kit ships:
 * the rules all schemes share ({@link SchemeConformanceCases}, once per {@link SchemeFixture}) and the
 * rules only one scheme has. Subclasses supply the transport: the pipeline called directly, or an
 * adapter inside a real server over real HTTP.
 *
 * <p>This is the suite for an adapter (it builds the receivers, with a fixed clock, failing stores and
 * policies, and drives the handler); to check a finished endpoint of yours, extend {@link
 * ReceiverConformance} instead.
 *
 * <pre>{@code
 * class MyAdapterConformanceTest extends ReceiverConformanceSuite {
 *     @Override
 *     protected ReceiverHarness harness() {
 *         return (receiver, handler) -> startMyServer(receiver, handler); // returns an HttpEndpoint
 *     }
 * }
 * }</pre>
 */
public abstract class ReceiverConformanceSuite {
    /** The transport under test; the application behind it reports to the handler it is given. */
    protected abstract ReceiverHarness harness();

    /** The shared rules, once per scheme. */
    @Nested
    @ParameterizedClass(name = "{0}")
    @MethodSource("com.webriskops.webhooks.testing.SchemeFixture#all")
    class EveryScheme extends SchemeConformanceCases {
        EveryScheme(SchemeFixture scheme) {
            super(scheme, harness());
        }
    }

    @Nested
    class WebRiskOpsOnly extends WebRiskOpsConformanceCases {
        WebRiskOpsOnly() {
            super(harness());
        }
    }

    @Nested
    class VicketOnly extends VicketConformanceCases {
        VicketOnly() {
            super(harness());
        }
    }
}
