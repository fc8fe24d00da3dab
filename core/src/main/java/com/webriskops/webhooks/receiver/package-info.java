/**
 * The receiver pipeline: {@link com.webriskops.webhooks.receiver.WebhookReceiver} checks an {@link
 * com.webriskops.webhooks.receiver.InboundRequest} and returns a {@link
 * com.webriskops.webhooks.receiver.ReceiveResult}: a verified delivery for the handler, or a complete
 * HTTP answer. Adapters only translate between their container and this package.
 */
package com.webriskops.webhooks.receiver;
