/**
 * Implementation of the receiver pipeline, shared by its packages. Not API: it may change at any
 * time, without notice.
 */
package com.webriskops.webhooks.receiver.internal;
