/**
 * The receiver pipeline: {@link com.webriskops.webhooks.receiver.WebhookReceiver} checks an {@link
 * com.webriskops.webhooks.receiver.InboundRequest} and returns a {@link
 * com.webriskops.webhooks.receiver.ReceiveResult}: a verified delivery for the handler, or a complete
 * HTTP answer. A receiver, its deliveries and its {@linkplain
 * com.webriskops.webhooks.receiver.DeliveryPolicy policies} are typed by the payload of the scheme it
 * verifies: {@link com.webriskops.webhooks.receiver.WebRiskOpsScheme} by default. Adapters only
 * translate between their container and this package; a new signature scheme implements {@link
 * com.webriskops.webhooks.receiver.spi.WebhookScheme}.
 */
package com.webriskops.webhooks.receiver;
