/**
 * The dashboard's implementation: HTML rendering, sessions and charts. Not an API: it may change at
 * any time.
 */
package com.webriskops.webhooks.dashboard.internal;
