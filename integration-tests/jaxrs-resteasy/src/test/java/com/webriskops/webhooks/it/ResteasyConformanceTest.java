package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsConformanceSuite;

/** The receiver conformance suite, for every scheme, on RESTEasy 6.2 (EE 10), Undertow. */
class ResteasyConformanceTest extends JaxrsConformanceSuite {}
