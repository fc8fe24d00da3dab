/**
 * WebRiskOps ticket-export webhooks for Java: the kit's root exception and secret type.
 *
 * <p>Everything in this kit is non-null unless a parameter, field or return value says
 * {@code @Nullable} in its javadoc. Packages:
 *
 * <ul>
 *   <li>{@link com.webriskops.webhooks.protocol}: header names, schema ids, error codes, format rules;
 *   <li>{@link com.webriskops.webhooks.signing}: signing and verifying {@code X-WebRiskOps-Signature};
 *   <li>{@link com.webriskops.webhooks.payload}: the typed {@code ticket-export.webhook.v1} payload;
 *   <li>{@link com.webriskops.webhooks.receiver}: the verification pipeline that adapters call;
 *   <li>{@link com.webriskops.webhooks.store}: replay and duplicate-guard stores.
 * </ul>
 */
package com.webriskops.webhooks;
