/**
 * The extension point for signature schemes: a {@link
 * com.webriskops.webhooks.receiver.spi.WebhookScheme} says how one sender signs its deliveries and
 * what its payload is, answering with a {@link com.webriskops.webhooks.receiver.spi.SignatureCheck}
 * and a {@link com.webriskops.webhooks.receiver.spi.PayloadCheck}, given a {@link
 * com.webriskops.webhooks.receiver.spi.SignatureContext}. A scheme is one class; register it with
 * {@link com.webriskops.webhooks.receiver.WebhookReceiver#builder(
 * com.webriskops.webhooks.receiver.spi.WebhookScheme)}. Users of the receiver never need this package.
 */
package com.webriskops.webhooks.receiver.spi;
