/**
 * WebRiskOps webhook verification for JAX-RS 3.1+ applications (Jersey, RESTEasy): register {@link
 * com.webriskops.webhooks.jaxrs.WebRiskOpsWebhookFeature}, annotate the receiving resource methods
 * with {@link com.webriskops.webhooks.jaxrs.VerifiedWebhook}, and read the delivery with {@link
 * com.webriskops.webhooks.jaxrs.VerifiedDeliveries}. Every rule is decided by {@link
 * com.webriskops.webhooks.receiver.WebhookReceiver}; this package only translates.
 */
package com.webriskops.webhooks.jaxrs;
