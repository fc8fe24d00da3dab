/**
 * In-memory rate limiting per key ({@link com.webriskops.webhooks.ratelimit.TokenBuckets}), shared by
 * the receiver's rate-limit policy and the ticket-export API's per-caller limit.
 */
package com.webriskops.webhooks.ratelimit;
