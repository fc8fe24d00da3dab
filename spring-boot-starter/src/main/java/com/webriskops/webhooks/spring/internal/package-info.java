/**
 * Implementation of the Spring Boot integration. Not API: it may change at any time.
 */
package com.webriskops.webhooks.spring.internal;
