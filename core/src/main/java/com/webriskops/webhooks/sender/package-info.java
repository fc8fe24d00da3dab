/**
 * The sender: delivers ticket exports to customer-owned endpoints. This package is the sending API:
 * {@link com.webriskops.webhooks.sender.WebhookSender} makes attempts (target check, a freshly signed
 * {@code ticket-export.webhook.v1} envelope per attempt, payload check, one {@code POST}, the answer
 * classified into an {@link com.webriskops.webhooks.sender.AttemptOutcome}), {@link
 * com.webriskops.webhooks.sender.RetryPolicy} says when to try again, and an {@link
 * com.webriskops.webhooks.sender.ExportRequest} is what is sent.
 *
 * <p>The rest of the sender, one concern per package:
 *
 * <ul>
 *   <li>{@code sender.target}: the target's settings and the checks made before anything is sent;
 *   <li>{@code sender.outbox}: durable deliveries, the dispatcher that works them, the status view;
 *   <li>{@code sender.spi}: the stores an application or a store module implements;
 *   <li>{@code sender.fallback}: the portable CSV, Markdown and JSON renderings;
 *   <li>{@code sender.internal}: how it works inside; not public API.
 * </ul>
 */
package com.webriskops.webhooks.sender;
