/**
 * An embeddable operator dashboard for the sender's outbox: {@link
 * com.webriskops.webhooks.dashboard.DashboardServlet}, a plain Servlet 6 servlet that renders HTML and
 * SVG on the server from the jar's own resources (no CDN, no script, no font), behind the
 * application's sign-in ({@link com.webriskops.webhooks.dashboard.DashboardAuthenticator}).
 */
package com.webriskops.webhooks.dashboard;
