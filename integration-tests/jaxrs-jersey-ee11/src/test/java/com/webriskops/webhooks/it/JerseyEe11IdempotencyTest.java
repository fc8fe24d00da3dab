package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsIdempotencySuite;

/** The idempotency conformance suite (scanner postback) on Jersey 4.0 (EE 11), JDK HTTP server. */
class JerseyEe11IdempotencyTest extends JaxrsIdempotencySuite {}
