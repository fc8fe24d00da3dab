/**
 * What an application or a store module implements for the sender: where deliveries are kept
 * ({@link com.webriskops.webhooks.sender.spi.DeliveryStore}), where targets are kept ({@link
 * com.webriskops.webhooks.sender.spi.TargetStore}) and where their signing secrets come from ({@link
 * com.webriskops.webhooks.sender.spi.CredentialProvider}, {@link
 * com.webriskops.webhooks.sender.spi.CredentialStore}). Each has an in-memory implementation in the
 * kit and a durable one in the jdbi-store module.
 */
package com.webriskops.webhooks.sender.spi;
