package com.webriskops.webhooks.it;

import com.webriskops.webhooks.jaxrs.testing.JaxrsConformanceSuite;

/** The receiver conformance suite, for every scheme, on Jersey 4.0 (EE 11), JDK HTTP server. */
class JerseyEe11ConformanceTest extends JaxrsConformanceSuite {}
