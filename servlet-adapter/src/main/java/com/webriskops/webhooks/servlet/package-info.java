/**
 * A Servlet 6 {@link jakarta.servlet.Filter} that verifies WebRiskOps webhook deliveries before the
 * application's servlet runs: {@link com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter}. Works on
 * any Jakarta EE 10 or 11 servlet container (Jetty 12, Tomcat 10.1 and 11, Spring MVC on either).
 * Every decision is made by {@link com.webriskops.webhooks.receiver.WebhookReceiver}; this package only
 * translates between the container and it.
 */
package com.webriskops.webhooks.servlet;
