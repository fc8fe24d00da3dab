/**
 * The testing kit, for a user's test scope (artifact {@code webriskops-webhooks-testing}).
 *
 * <ul>
 *   <li>{@link com.webriskops.webhooks.testing.Deliveries}: signed deliveries of every scheme the kit
 *       ships (WebRiskOps, Vicket, Standard Webhooks), valid or tampered, stale, replayed, signed with
 *       rotated secrets; each is a {@link com.webriskops.webhooks.testing.SignedDelivery}.
 *   <li>{@link com.webriskops.webhooks.testing.ReceiverConformance}: the receiver conformance suite for
 *       a finished endpoint, as a JUnit 5 base class pointed at a {@link
 *       com.webriskops.webhooks.testing.ConformanceTarget} (a URL, or a transport into the application
 *       under test, and its secret).
 *   <li>{@link com.webriskops.webhooks.testing.ReceiverConformanceSuite} and {@link
 *       com.webriskops.webhooks.testing.IdempotencyConformanceSuite}: the complete suites the kit runs on
 *       every adapter and runtime, for authors of an adapter: a {@link
 *       com.webriskops.webhooks.testing.ReceiverHarness} (or {@link
 *       com.webriskops.webhooks.testing.IdempotencyHarness}) puts the kit's receiver behind their
 *       transport.
 * </ul>
 *
 * <p>Values are non-null unless marked {@code @Nullable}. The suites are test classes: JUnit creates
 * an instance per test and runs them as it runs any test.
 */
package com.webriskops.webhooks.testing;
