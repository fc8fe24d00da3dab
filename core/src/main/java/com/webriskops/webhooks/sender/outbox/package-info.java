/**
 * The durable outbox: {@link com.webriskops.webhooks.sender.outbox.Delivery deliveries} held by a
 * {@link com.webriskops.webhooks.sender.spi.DeliveryStore}, worked by a {@link
 * com.webriskops.webhooks.sender.outbox.Dispatcher} (claims with a lease and a fencing token, one
 * attempt per claim, retries by the {@link com.webriskops.webhooks.sender.RetryPolicy}), and the
 * {@link com.webriskops.webhooks.sender.outbox.DeliveryStatusView} an application shows its users.
 */
package com.webriskops.webhooks.sender.outbox;
