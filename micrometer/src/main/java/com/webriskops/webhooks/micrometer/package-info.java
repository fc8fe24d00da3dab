/**
 * Micrometer meters for the receiver and the sender, framework-neutral: {@link
 * com.webriskops.webhooks.micrometer.ReceiverMetrics} is a {@link
 * com.webriskops.webhooks.receiver.VerificationListener}, {@link
 * com.webriskops.webhooks.micrometer.SenderMetrics} a {@link
 * com.webriskops.webhooks.sender.outbox.Dispatcher}, and {@link
 * com.webriskops.webhooks.micrometer.DeliveryBacklogMetrics} binds gauges that read a {@link
 * com.webriskops.webhooks.sender.spi.DeliveryStore}. Every meter name starts with {@code webriskops.} (see
 * {@link com.webriskops.webhooks.micrometer.WebhookMeterNames}); tags are low-cardinality only: never
 * keys, nonces, URLs or secrets.
 */
package com.webriskops.webhooks.micrometer;
