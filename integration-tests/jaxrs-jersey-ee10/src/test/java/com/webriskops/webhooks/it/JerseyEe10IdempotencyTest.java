package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsIdempotencySuite;

/** The idempotency conformance suite (scanner postback) on Jersey 3.1 (EE 10), JDK HTTP server. */
class JerseyEe10IdempotencyTest extends JaxrsIdempotencySuite {}
