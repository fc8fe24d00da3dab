/**
 * Signing and verifying {@code X-WebRiskOps-Signature}: secrets that never print themselves, HMAC
 * over the raw body bytes, rotation with several secrets and several signatures, constant-time
 * comparison.
 */
package com.webriskops.webhooks.signing;
