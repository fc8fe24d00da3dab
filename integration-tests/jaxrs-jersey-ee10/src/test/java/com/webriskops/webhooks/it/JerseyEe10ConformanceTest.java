package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsConformanceSuite;

/** The receiver conformance suite, for every scheme, on Jersey 3.1 (EE 10), JDK HTTP server. */
class JerseyEe10ConformanceTest extends JaxrsConformanceSuite {}
