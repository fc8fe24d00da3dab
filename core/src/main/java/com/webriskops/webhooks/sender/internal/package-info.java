/**
 * How the sender works inside: address classification and the connect-time DNS guard, the envelope
 * builder, the answer classifier, the payload scanner, the pooled HTTP clients, the in-memory stores
 * and the test seams (host resolution, nonces). Nothing here is public API: it may change or
 * disappear in any release without notice, and no other module may use it.
 */
package com.webriskops.webhooks.sender.internal;
