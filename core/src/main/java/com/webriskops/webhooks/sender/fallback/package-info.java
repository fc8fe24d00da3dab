/**
 * The portable fallback: a ticket export rendered as CSV, Markdown or JSON ({@link
 * com.webriskops.webhooks.sender.fallback.PortableExport}) for a user to carry over by hand when a
 * delivery failed or is blocked.
 */
package com.webriskops.webhooks.sender.fallback;
