/**
 * Implementation details of the kit. Nothing here is public API: it may change or disappear in any
 * release without notice.
 */
package com.webriskops.webhooks.internal;
