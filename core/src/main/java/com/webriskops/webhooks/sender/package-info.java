/**
 * The sender: checks a target ({@link com.webriskops.webhooks.sender.TargetSafety}), builds and
 * signs the {@code ticket-export.webhook.v1} envelope per attempt ({@link
 * com.webriskops.webhooks.sender.WebhookEnvelopes}), refuses unsafe payloads ({@link
 * com.webriskops.webhooks.sender.PayloadSafety}), delivers through Apache HttpClient 5 with a guarded
 * DNS hook ({@link com.webriskops.webhooks.sender.WebhookSender}), classifies the answer and retries
 * ({@link com.webriskops.webhooks.sender.RetryPolicy}), keeps durable state in a {@link
 * com.webriskops.webhooks.sender.DeliveryStore} worked by a {@link
 * com.webriskops.webhooks.sender.Dispatcher}, shows a {@link
 * com.webriskops.webhooks.sender.DeliveryStatusView}, and renders a {@link
 * com.webriskops.webhooks.sender.PortableExport} when delivery is not possible.
 */
package com.webriskops.webhooks.sender;
