/**
 * Implementation details of the JDBI stores: SQL object interfaces and dialect helpers. Not part of
 * the public API; anything here may change at any time, without notice.
 */
package com.webriskops.webhooks.jdbi.internal;
