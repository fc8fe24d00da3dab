/**
 * The Vicket webhook scheme: {@code X-Vicket-Signature: hmac-sha256, t=<unix>, v1=<hex>} over the raw
 * body, and the {@link com.webriskops.webhooks.vicket.VicketWebhook} envelope. Register it with
 * {@code WebhookReceiver.builder(VicketScheme.ofDefaults())}; it is built on the public
 * {@link com.webriskops.webhooks.receiver.spi.WebhookScheme} SPI only, as any other scheme would be.
 */
package com.webriskops.webhooks.vicket;
