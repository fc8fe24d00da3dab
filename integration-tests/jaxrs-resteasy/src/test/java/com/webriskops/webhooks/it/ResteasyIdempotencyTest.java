package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsIdempotencySuite;

/** The idempotency conformance suite (scanner postback) on RESTEasy 6.2 (EE 10), Undertow. */
class ResteasyIdempotencyTest extends JaxrsIdempotencySuite {}
