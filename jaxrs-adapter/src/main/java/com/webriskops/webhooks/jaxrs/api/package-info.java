/**
 * The ticket-export HTTP API as drop-in JAX-RS resources: register {@link
 * com.webriskops.webhooks.jaxrs.api.TicketExportApiFeature} with the application's target store,
 * credentials, prepared exports, delivery outbox and {@link
 * com.webriskops.webhooks.jaxrs.api.ApiAuthoriser}.
 */
package com.webriskops.webhooks.jaxrs.api;
