package com.webriskops.webhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The suite cannot pass vacuously: pointed at an endpoint that accepts everything (no signature, no
 * replay, no payload check), it runs with the JUnit Platform Launcher and must report the refusals
 * that endpoint fails to make, while the cases a broken endpoint does pass still pass.
 */
class BrokenEndpointFailsTheSuiteTest {
    private static JdkReceiverServer broken;
    private static volatile boolean launching;

    /** True only while {@link #run} launches the broken endpoint's suite (a test runner finds it skipped). */
    static boolean launching() {
        return launching;
    }

    @BeforeAll
    static void start() throws Exception {
        broken = JdkReceiverServer.acceptingEverything();
    }

    @AfterAll
    static void stop() {
        broken.close();
    }

    /** A user's test class pointed at the broken endpoint; run only through the launcher below. */
    @EnabledIf("com.webriskops.webhooks.testing.BrokenEndpointFailsTheSuiteTest#launching")
    static class AcceptsEverythingConformance extends ReceiverConformance {
        @Override
        protected ConformanceTarget target() {
            return ConformanceTarget.url(broken.uri(), "the-secret-nobody-checks");
        }
    }

    @Test
    void endpointAcceptingEverythingFailsTheRefusalsAndTheDuplicateGuard() {
        Map<String, TestExecutionResult.Status> outcomes = run(AcceptsEverythingConformance.class);

        assertThat(outcomes)
                .containsEntry("validDeliveryIsAccepted()", TestExecutionResult.Status.SUCCESSFUL)
                .containsEntry("tamperedDeliveryIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("deliverySignedWithAnotherSecretIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("staleDeliveryIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("deliveryFromTheFutureIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("unsignedDeliveryIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("wrongContentTypeIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("signedBodyThatIsNotJsonIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("bodyOverTheLimitIsRefused()", TestExecutionResult.Status.FAILED)
                .containsEntry("replayedDeliveryIsNotHandledTwice()", TestExecutionResult.Status.FAILED)
                .containsEntry("retryOfACompletedDeliveryAnswersDuplicate()", TestExecutionResult.Status.FAILED)
                .containsEntry(
                        "concurrentRetriesOfOneDeliveryReachTheHandlerOnce()", TestExecutionResult.Status.FAILED);
        assertThat(outcomes.values().stream().filter(TestExecutionResult.Status.FAILED::equals))
                .as("failed cases of %s", outcomes)
                .hasSizeGreaterThanOrEqualTo(15);
        assertThat(broken.handled())
                .as("deliveries the broken endpoint handled")
                .isPositive();
    }

    /** Runs {@code testClass} and returns each test's (or dynamic test's) outcome by display name. */
    private static Map<String, TestExecutionResult.Status> run(Class<?> testClass) {
        Map<String, TestExecutionResult.Status> outcomes = new TreeMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .build();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    outcomes.put(test.getDisplayName(), result.getStatus());
                }
            }
        };
        launching = true;
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            launching = false;
        }
        assertThat(outcomes).as("tests run").isNotEmpty();
        return outcomes;
    }
}
