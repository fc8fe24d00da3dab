/**
 * The typed {@code ticket-export.webhook.v1} payload: records mapped by Jackson (snake_case on the
 * wire, unknown members ignored) and constrained with Bean Validation, plus {@link
 * com.webriskops.webhooks.payload.WebhookJson}, the JSON configuration the kit reads and writes them
 * with.
 */
package com.webriskops.webhooks.payload;
