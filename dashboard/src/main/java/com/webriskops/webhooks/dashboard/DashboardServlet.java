package com.webriskops.webhooks.dashboard;

import com.webriskops.webhooks.dashboard.internal.Charts;
import com.webriskops.webhooks.dashboard.internal.Html;
import com.webriskops.webhooks.dashboard.internal.Sessions;
import com.webriskops.webhooks.dashboard.internal.Sessions.Session;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExport.TicketSource;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.fallback.PortableExport;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.SigningStatus;
import com.webriskops.webhooks.sender.target.TargetSafety;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator dashboard: a plain Servlet 6 servlet that shows one owner's outbox (deliveries by
 * status with counts, filters and keyset paging; one delivery with its attempts; targets with their
 * safety and signing status; the last hour as SVG charts) and takes the actions an operator needs
 * (retry now, cancel a scheduled retry, re-approve a blocked or failed delivery, download the portable
 * fallback, disable a target). Map it at a path of its own, such as {@code /dashboard/*}:
 *
 * <pre>{@code
 * DashboardServlet dashboard = DashboardServlet.builder()
 *         .deliveryStore(stores.deliveryStore())
 *         .targetStore(stores.targetStore())
 *         .credentials(credentials)
 *         .authenticator(token -> token.equals(operatorToken) ? new DashboardUser("default", "ops", true) : null)
 *         .onChange(dispatcher::wakeUp)
 *         .build();
 * context.addServlet(new ServletHolder(dashboard), "/dashboard/*");
 * }</pre>
 *
 * <p>Security: a browser signs in by posting an API token to the sign-in form; the dashboard checks it
 * with the {@link DashboardAuthenticator} and answers with a session cookie (random, HttpOnly,
 * SameSite=Strict, Secure over HTTPS), so no token ever appears in a URL. Each user sees only its
 * owner's deliveries and targets: another owner's id answers 404 exactly as an unknown id. Every action
 * is a POST from a confirmation page carrying the session's CSRF token (403 without it, and for any
 * POST a browser marks {@code Sec-Fetch-Site: cross-site} or {@code same-site}, sign-in included), and is
 * recorded in the {@link DashboardAudit}. All text from tickets is escaped; pages load no script and
 * carry a strict Content-Security-Policy ({@value #CONTENT_SECURITY_POLICY}). No secret, credential,
 * signature or raw payload is ever shown. Sessions live in this instance's memory (use sticky sessions
 * behind a load balancer).
 *
 * <p>Immutable once built and thread-safe.
 */
public final class DashboardServlet extends HttpServlet {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The Content-Security-Policy of every answer: no script at all, styles and images from the jar only. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "wro_dashboard";

    /** Deliveries per page unless the builder sets another. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServlet.class);
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int MAX_SNIPPET_CHARS = 2000;
    private static final int TARGETS_PER_PAGE = 50;
    private static final List<DeliveryStatus> STATUSES = List.of(
            DeliveryStatus.PENDING,
            DeliveryStatus.SENDING,
            DeliveryStatus.RETRY_SCHEDULED,
            DeliveryStatus.EXPORTED,
            DeliveryStatus.BLOCKED,
            DeliveryStatus.FAILED);
    private static final Map<String, String> NOTICES = Map.of(
            "retry_now", "The delivery is due now; the dispatcher sends it next.",
            "cancel_retry", "The scheduled retry is cancelled; the delivery is failed.",
            "reapprove", "The delivery is approved again and due now.",
            "disable", "The target is disabled; no delivery is sent to it any more.",
            "not_applicable", "Nothing changed: the delivery or target is no longer in a state that allows this.");

    private final transient DeliveryStore deliveries;
    private final transient TargetStore targets;
    private final transient @Nullable CredentialProvider credentials;
    private final transient DashboardAuthenticator authenticator;
    private final transient DashboardAudit audit;
    private final transient TargetSafety safety;
    private final transient Clock clock;
    private final transient Runnable onChange;
    private final transient Sessions sessions;
    private final int pageSize;

    private DashboardServlet(Builder b) {
        this.deliveries = b.deliveries;
        this.targets = b.targets;
        this.credentials = b.credentials;
        this.authenticator = b.authenticator;
        this.audit = b.audit;
        this.safety = b.safety;
        this.clock = b.clock;
        this.onChange = b.onChange;
        this.pageSize = b.pageSize;
        this.sessions = new Sessions(b.clock, b.sessionTimeout, b.maxSessions);
    }

    /** A new builder; the stores and the authenticator are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", "no-store");
        String base = req.getContextPath() + req.getServletPath();
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (path.isEmpty()) {
            resp.sendRedirect(base + "/");
            return;
        }
        if (path.equals("/static/dashboard.css") && method.equals("GET")) {
            stylesheet(resp);
            return;
        }
        if (method.equals("POST") && crossSite(req)) {
            // A form posted from another site (login CSRF, or any action): browsers say so in
            // Sec-Fetch-Site. The session's CSRF token is checked as well, below.
            forbidden(resp, "This form was posted from another site.");
            return;
        }
        if (path.equals("/sign-in")) {
            if (method.equals("GET") && authenticator.fromRequest(req) != null) {
                // The application's own security signed this user in: there is no token to ask for.
                resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
                resp.setHeader("Location", base + "/");
            } else if (method.equals("GET")) {
                signInPage(req, resp, base, null, HttpServletResponse.SC_OK);
            } else if (method.equals("POST")) {
                signIn(req, resp, base);
            } else {
                resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
            return;
        }
        Session session = sessions.find(cookie(req));
        DashboardUser requestUser = authenticator.fromRequest(req);
        if (requestUser == null && session != null && session.viaRequest()) {
            // The application's authentication no longer holds (signed out there): neither does this.
            sessions.close(session);
            session = null;
        }
        if (requestUser != null && (session == null || !sameUser(session, requestUser))) {
            // The application's own security authenticated this request: a session of that user (a
            // new CSRF token), replacing one of anyone else.
            if (session != null) {
                sessions.close(session);
            }
            if (method.equals("POST")) {
                // A POST cannot carry the new session's CSRF token yet.
                session = null;
            }
            Session opened = sessions.open(requestUser.owner(), requestUser.name(), requestUser.mayAct(), true);
            if (opened != null) {
                setCookie(req, resp, base, opened.id(), -1);
                if (!method.equals("POST")) {
                    session = opened;
                }
            }
        }
        if (method.equals("POST")) {
            post(req, resp, base, path, session);
        } else if (method.equals("GET") || method.equals("HEAD")) {
            if (session == null) {
                resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
                resp.setHeader("Location", base + "/sign-in");
                return;
            }
            get(req, resp, base, path, session);
        } else {
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    // ---------------------------------------------------------------------------------------------- GET

    private void get(HttpServletRequest req, HttpServletResponse resp, String base, String path, Session session)
            throws IOException {
        String[] parts = path.substring(1).split("/", -1);
        if (path.equals("/") || path.equals("/deliveries")) {
            deliveriesPage(req, resp, base, session);
        } else if (parts.length == 2
                && parts[0].equals("deliveries")
                && ID.matcher(parts[1]).matches()) {
            Delivery delivery = ownDelivery(session, Long.parseLong(parts[1]));
            if (delivery == null) {
                notFound(resp, base, session);
            } else {
                deliveryPage(req, resp, base, session, delivery);
            }
        } else if (parts.length == 3
                && parts[0].equals("deliveries")
                && ID.matcher(parts[1]).matches()
                && DeliveryAction.of(parts[2]) != null) {
            Delivery delivery = ownDelivery(session, Long.parseLong(parts[1]));
            if (delivery == null) {
                notFound(resp, base, session);
            } else {
                confirmPage(resp, base, session, DeliveryAction.of(parts[2]), delivery);
            }
        } else if (path.equals("/targets")) {
            targetsPage(req, resp, base, session);
        } else if (parts.length == 3
                && parts[0].equals("targets")
                && ID.matcher(parts[1]).matches()
                && parts[2].equals("disable")) {
            StoredTarget target = targets.find(session.owner(), Long.parseLong(parts[1]));
            if (target == null) {
                notFound(resp, base, session);
            } else {
                confirmDisablePage(resp, base, session, target);
            }
        } else {
            notFound(resp, base, session);
        }
    }

    private void deliveriesPage(HttpServletRequest req, HttpServletResponse resp, String base, Session session)
            throws IOException {
        DeliveryStore.Filter filter;
        long before;
        try {
            filter = filter(req, session.owner());
            String beforeParam = req.getParameter("before");
            before = beforeParam == null || beforeParam.isEmpty()
                    ? Long.MAX_VALUE
                    : ID.matcher(beforeParam).matches() ? Long.parseLong(beforeParam) : -1;
            if (before < 0) {
                throw new IllegalArgumentException("before must be a delivery id");
            }
        } catch (IllegalArgumentException e) {
            Html html = page(base, session, "Bad filter");
            html.raw("<h1>Bad filter</h1><p role=\"alert\">")
                    .text(e.getMessage())
                    .raw("</p><p><a")
                    .attr("href", base + "/")
                    .raw(">All deliveries</a></p>");
            send(resp, HttpServletResponse.SC_BAD_REQUEST, end(html));
            return;
        }
        Instant now = clock.instant();
        Map<DeliveryStatus, Long> counts = deliveries.countByStatus(session.owner());
        List<Delivery> page = deliveries.page(filter, before, pageSize);

        Html html = page(base, session, "Outbox");
        html.raw("<h1>Outbox</h1>");
        html.raw("<section aria-labelledby=\"counts-h\"><h2 id=\"counts-h\">Deliveries by status</h2>"
                + "<ul class=\"counts\">");
        long total = 0;
        for (DeliveryStatus status : STATUSES) {
            long n = counts.getOrDefault(status, 0L);
            total += n;
            html.raw("<li><a")
                    .attr("href", base + "/?status=" + status.wireName())
                    .attr("class", "count status-" + status.wireName())
                    .attr("id", "count-" + status.wireName())
                    .raw(filter.status() == status ? " aria-current=\"true\"" : "")
                    .raw("><span class=\"n\">")
                    .text(n)
                    .raw("</span> <span class=\"label\">")
                    .text(label(status))
                    .raw("</span></a></li>");
        }
        html.raw("<li><a").attr("href", base + "/").attr("class", "count").raw("><span class=\"n\">");
        html.text(total).raw("</span> <span class=\"label\">all</span></a></li></ul></section>");

        charts(html, session.owner(), counts, now);

        html.raw("<section aria-labelledby=\"list-h\"><h2 id=\"list-h\">Deliveries</h2>");
        filterForm(html, base, filter);
        html.raw("<table class=\"deliveries\"><caption>")
                .text(page.isEmpty() ? "No delivery matches." : "Newest first, " + page.size() + " shown.")
                .raw("</caption><thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Status</th>"
                        + "<th scope=\"col\">Ticket</th><th scope=\"col\">Target</th><th scope=\"col\">Attempts</th>"
                        + "<th scope=\"col\">Last code</th><th scope=\"col\">Next attempt</th>"
                        + "<th scope=\"col\">Enqueued</th></tr></thead><tbody>");
        for (Delivery d : page) {
            AttemptOutcome last = d.lastAttempt();
            html.raw("<tr><td><a")
                    .attr("href", base + "/deliveries/" + d.id())
                    .raw(">")
                    .text(d.id());
            html.raw("</a></td><td>");
            status(html, d.status());
            html.raw("</td><td class=\"title\">").text(d.export().ticketExport().title());
            html.raw("</td><td>").text(d.targetId());
            html.raw("</td><td>").text(d.attempts());
            html.raw("</td><td>").text(last == null ? "" : last.code());
            html.raw("</td><td>").text(time(d.nextAttemptAt()));
            html.raw("</td><td>").text(time(d.createdAt())).raw("</td></tr>");
        }
        html.raw("</tbody></table>");
        html.raw("<nav aria-label=\"Pages\" class=\"pages\"><ul>");
        if (before != Long.MAX_VALUE) {
            html.raw("<li><a").attr("href", base + "/?" + query(filter, null)).raw(">Newest</a></li>");
        }
        if (page.size() == pageSize) {
            long last = page.get(page.size() - 1).id();
            html.raw("<li><a rel=\"next\"")
                    .attr("href", base + "/?" + query(filter, last))
                    .raw(">Older deliveries</a></li>");
        }
        html.raw("</ul></nav></section>");
        send(resp, HttpServletResponse.SC_OK, end(html));
    }

    private void charts(Html html, String owner, Map<DeliveryStatus, Long> counts, Instant now) {
        Instant from = now.truncatedTo(ChronoUnit.MINUTES).minus(59, ChronoUnit.MINUTES);
        List<DeliveryStore.Activity> activity = deliveries.activity(owner, from, Duration.ofMinutes(1), 60);
        List<Long> exported = new ArrayList<>();
        List<Long> failures = new ArrayList<>();
        for (DeliveryStore.Activity a : activity) {
            exported.add(a.exported());
            failures.add(a.failures());
        }
        // The queue's depth at the end of each minute, walked back from now: a minute's enqueued
        // deliveries were not there before it, its exported and blocked ones still were.
        long depth = counts.getOrDefault(DeliveryStatus.PENDING, 0L)
                + counts.getOrDefault(DeliveryStatus.RETRY_SCHEDULED, 0L)
                + counts.getOrDefault(DeliveryStatus.SENDING, 0L);
        Long[] depths = new Long[activity.size()];
        for (int i = activity.size() - 1; i >= 0; i--) {
            depths[i] = Math.max(0, depth);
            DeliveryStore.Activity a = activity.get(i);
            depth = depth - a.enqueued() + a.exported() + a.blocked();
        }
        html.raw("<section aria-labelledby=\"hour-h\"><h2 id=\"hour-h\">Last hour</h2><div class=\"charts\">");
        Charts.chart(html, "chart-depth", "Queue depth", List.of(depths), true, "depth");
        Charts.chart(html, "chart-throughput", "Exported", exported, false, "ok");
        Charts.chart(html, "chart-failures", "Failed attempts", failures, false, "bad");
        html.raw("</div></section>");
    }

    private static void filterForm(Html html, String base, DeliveryStore.Filter filter) {
        html.raw("<form method=\"get\" class=\"filters\"")
                .attr("action", base + "/")
                .raw(">");
        html.raw("<fieldset><legend>Filter</legend>");
        html.raw("<label for=\"f-status\">Status</label><select id=\"f-status\" name=\"status\">"
                + "<option value=\"\">any</option>");
        for (DeliveryStatus status : STATUSES) {
            html.raw("<option").attr("value", status.wireName());
            html.raw(filter.status() == status ? " selected" : "")
                    .raw(">")
                    .text(label(status))
                    .raw("</option>");
        }
        html.raw("</select>");
        html.raw("<label for=\"f-code\">Code</label><input id=\"f-code\" name=\"code\" maxlength=\"128\"")
                .attr("value", filter.code())
                .raw(">");
        html.raw("<label for=\"f-target\">Target id</label><input id=\"f-target\" name=\"target\""
                        + " inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"18\"")
                .attr("value", filter.targetId())
                .raw(">");
        html.raw("<label for=\"f-from\">Enqueued from (UTC)</label><input id=\"f-from\" name=\"from\""
                        + " type=\"datetime-local\"")
                .attr("value", localTime(filter.createdFrom()))
                .raw(">");
        html.raw("<label for=\"f-to\">until (UTC)</label><input id=\"f-to\" name=\"to\" type=\"datetime-local\"")
                .attr("value", localTime(filter.createdBefore()))
                .raw(">");
        html.raw("<button type=\"submit\">Filter</button></fieldset></form>");
    }

    private void deliveryPage(
            HttpServletRequest req, HttpServletResponse resp, String base, Session session, Delivery d)
            throws IOException {
        TicketExport ticket = d.export().ticketExport();
        TicketSource source = ticket.source();
        Html html = page(base, session, "Delivery " + d.id());
        notice(html, req);
        html.raw("<h1>Delivery ").text(d.id()).raw(": <span class=\"title\" id=\"ticket-title\">");
        html.text(ticket.title()).raw("</span></h1>");
        html.raw("<section aria-labelledby=\"state-h\"><h2 id=\"state-h\">State</h2><dl class=\"facts\">");
        html.raw("<dt>Status</dt><dd id=\"delivery-status\">");
        status(html, d.status());
        html.raw("</dd>");
        fact(html, "Idempotency key", d.idempotencyKey(), "idempotency-key");
        html.raw("<dt>Target</dt><dd><a")
                .attr("href", base + "/targets#target-" + d.targetId())
                .raw(">");
        html.text(d.targetId()).raw("</a> (").text(d.providerKey().wireName()).raw(")</dd>");
        fact(html, "Signing (when enqueued)", d.signingStatus().wireName(), "signing-status");
        fact(html, "Attempts", d.attempts() + " (" + d.roundAttempts() + " this round)", null);
        fact(html, "Next attempt", d.nextAttemptAt() == null ? "none" : time(d.nextAttemptAt()), "next-attempt");
        fact(html, "Enqueued", time(d.createdAt()), null);
        fact(html, "Last change", time(d.updatedAt()), null);
        AttemptOutcome last = d.lastAttempt();
        if (last != null && last.status() != DeliveryStatus.EXPORTED) {
            html.raw("<dt>Reason</dt><dd id=\"reason\"><code>")
                    .text(last.code())
                    .raw("</code> ");
            html.text(last.message()).raw("</dd>");
        }
        html.raw("</dl></section>");

        html.raw("<section aria-labelledby=\"ticket-h\"><h2 id=\"ticket-h\">Ticket</h2><dl class=\"facts\">");
        fact(html, "Title", ticket.title(), null);
        fact(html, "Source", source.type() + " " + source.recordId(), null);
        fact(html, "Severity", source.severity(), null);
        fact(
                html,
                "Account / project",
                d.export().accountId() + " / " + d.export().projectId(),
                null);
        if (source.reportId() != null) {
            fact(html, "Report", source.reportId(), null);
        }
        if (source.issueId() != null) {
            fact(html, "Issue", source.issueId(), null);
        }
        if (source.fixTaskId() != null) {
            fact(html, "Fix task", source.fixTaskId(), null);
        }
        if (source.fingerprint() != null) {
            fact(html, "Fingerprint", source.fingerprint(), null);
        }
        if (source.affectedUrl() != null) {
            // Shown as text, never as a link: a scanned page's URL may be javascript: or worse.
            html.raw("<dt>Affected URL</dt><dd><code id=\"affected-url\">").text(source.affectedUrl());
            html.raw("</code></dd>");
        }
        html.raw("</dl></section>");

        html.raw("<section aria-labelledby=\"attempts-h\"><h2 id=\"attempts-h\">Attempts</h2>");
        html.raw("<table class=\"attempts\"><caption>")
                .text(d.attemptLog().isEmpty() ? "No attempt yet." : "Oldest first.")
                .raw("</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Started</th>"
                        + "<th scope=\"col\">HTTP status</th><th scope=\"col\">Outcome</th><th scope=\"col\">Code</th>"
                        + "<th scope=\"col\">Duration</th><th scope=\"col\">Message</th>"
                        + "<th scope=\"col\">Response</th></tr></thead><tbody>");
        for (AttemptOutcome a : d.attemptLog()) {
            html.raw("<tr><td>").text(a.attempt());
            html.raw("</td><td>").text(time(a.startedAt()));
            html.raw("</td><td>").text(a.httpStatus() == null ? "none" : a.httpStatus());
            html.raw("</td><td>").text(a.status().wireName());
            html.raw("</td><td>").text(a.code());
            html.raw("</td><td>")
                    .text(Duration.between(a.startedAt(), a.finishedAt()).toMillis() + " ms");
            html.raw("</td><td>").text(a.message());
            html.raw("</td><td><pre>").text(snippet(a.responseSnippet())).raw("</pre></td></tr>");
        }
        html.raw("</tbody></table></section>");

        html.raw("<section aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">Actions</h2><ul class=\"actions\">");
        for (DeliveryAction action : DeliveryAction.values()) {
            if (action != DeliveryAction.FALLBACK && action.applies(d.status())) {
                html.raw("<li><a")
                        .attr("id", "action-" + action.path)
                        .attr("href", base + "/deliveries/" + d.id() + "/" + action.path)
                        .raw(">")
                        .text(action.label)
                        .raw("</a></li>");
            }
        }
        html.raw("</ul>");
        html.raw("<form method=\"post\" class=\"fallback\"")
                .attr("action", base + "/deliveries/" + d.id() + "/fallback")
                .raw(">");
        csrf(html, session);
        html.raw("<fieldset><legend>Portable fallback</legend><label for=\"format\">Format</label>"
                + "<select id=\"format\" name=\"format\"><option value=\"csv\">CSV</option>"
                + "<option value=\"md\">Markdown</option><option value=\"json\">JSON</option></select>"
                + "<button type=\"submit\" id=\"download\">Download</button></fieldset></form></section>");
        history(html, session.owner(), "delivery", d.id());
        send(resp, HttpServletResponse.SC_OK, end(html));
    }

    private void history(Html html, String owner, String subjectType, long id) {
        List<DashboardAudit.Entry> entries = audit.recent(owner, subjectType, id, 20);
        html.raw("<section aria-labelledby=\"history-h\"><h2 id=\"history-h\">Operator actions</h2>");
        if (entries.isEmpty()) {
            html.raw("<p>None yet.</p></section>");
            return;
        }
        html.raw("<ol class=\"history\" id=\"history\">");
        for (DashboardAudit.Entry e : entries) {
            html.raw("<li>").text(time(e.at()) + " " + e.actor() + ": " + e.action() + " (" + e.outcome() + ")");
            html.raw("</li>");
        }
        html.raw("</ol></section>");
    }

    private void confirmPage(HttpServletResponse resp, String base, Session session, DeliveryAction action, Delivery d)
            throws IOException {
        Html html = page(base, session, action.label);
        html.raw("<h1>").text(action.label).raw("?</h1>");
        html.raw("<p>Delivery ")
                .text(d.id())
                .raw(" (")
                .text(d.export().ticketExport().title())
                .raw("), now ");
        status(html, d.status());
        html.raw(". ").text(action.explanation).raw("</p>");
        confirmForm(html, session, base + "/deliveries/" + d.id() + "/" + action.path, base + "/deliveries/" + d.id());
        send(resp, HttpServletResponse.SC_OK, end(html));
    }

    private void confirmDisablePage(HttpServletResponse resp, String base, Session session, StoredTarget target)
            throws IOException {
        Html html = page(base, session, "Disable target");
        html.raw("<h1>Disable target ").text(target.id()).raw("?</h1><p>");
        html.text(displayName(target))
                .raw(" will receive no delivery any more; its waiting deliveries are"
                        + " blocked at their next attempt. This cannot be undone here.</p>");
        confirmForm(
                html, session, base + "/targets/" + target.id() + "/disable", base + "/targets#target-" + target.id());
        send(resp, HttpServletResponse.SC_OK, end(html));
    }

    private static void confirmForm(Html html, Session session, String action, String back) {
        html.raw("<form method=\"post\" class=\"confirm\"")
                .attr("action", action)
                .raw(">");
        csrf(html, session);
        html.raw("<button type=\"submit\" id=\"confirm\">Confirm</button> <a").attr("href", back);
        html.raw(">Cancel</a></form>");
    }

    private void targetsPage(HttpServletRequest req, HttpServletResponse resp, String base, Session session)
            throws IOException {
        String afterParam = req.getParameter("after");
        long after = afterParam != null && ID.matcher(afterParam).matches() ? Long.parseLong(afterParam) : 0;
        List<StoredTarget> list = targets.list(session.owner(), after, TARGETS_PER_PAGE);
        Html html = page(base, session, "Targets");
        notice(html, req);
        html.raw("<h1>Targets</h1><table class=\"targets\"><caption>")
                .text(list.isEmpty() ? "No target." : "In id order.")
                .raw("</caption><thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Name and URL</th>"
                        + "<th scope=\"col\">Mode</th><th scope=\"col\">State</th><th scope=\"col\">Signing</th>"
                        + "<th scope=\"col\">Safety</th><th scope=\"col\">Last blocked delivery</th>"
                        + "<th scope=\"col\">Action</th></tr></thead><tbody>");
        for (StoredTarget stored : list) {
            ExportTarget target = withSecrets(stored);
            html.raw("<tr").attr("id", "target-" + stored.id()).raw("><td>").text(stored.id());
            html.raw("</td><td>").text(displayName(stored)).raw("<br><code>").text(target.baseUrl());
            html.raw("</code></td><td>")
                    .text(target.deploymentMode().wireName() + " / "
                            + target.privateNetworkPolicy().wireName());
            html.raw("</td><td>").text(stored.active() ? "active" : "disabled " + time(stored.disabledAt()));
            html.raw("</td><td class=\"signing\">").text(signing(stored).wireName());
            html.raw("</td><td class=\"safety\">");
            TargetCheck check = credentials == null ? safety.checkUrl(target) : safety.check(target);
            if (check.ok()) {
                html.raw("<span class=\"ok\">safe</span>");
            } else {
                html.raw("<span class=\"bad\">blocked</span> <code>")
                        .text(check.code() == null ? "" : check.code().wireValue())
                        .raw("</code> ")
                        .text(check.message());
            }
            html.raw("</td><td class=\"blocked-reason\">");
            List<Delivery> blocked = deliveries.page(
                    new DeliveryStore.Filter(session.owner(), DeliveryStatus.BLOCKED, null, stored.id(), null, null),
                    Long.MAX_VALUE,
                    1);
            AttemptOutcome reason = blocked.isEmpty() ? null : blocked.get(0).lastAttempt();
            if (reason != null) {
                html.raw("<a")
                        .attr("href", base + "/deliveries/" + blocked.get(0).id())
                        .raw(">");
                html.text(blocked.get(0).id())
                        .raw("</a>: <code>")
                        .text(reason.code())
                        .raw("</code> ");
                html.text(reason.message());
            }
            html.raw("</td><td>");
            if (stored.active()) {
                html.raw("<a")
                        .attr("href", base + "/targets/" + stored.id() + "/disable")
                        .attr("id", "disable-" + stored.id())
                        .raw(">Disable</a>");
            }
            html.raw("</td></tr>");
        }
        html.raw("</tbody></table>");
        if (list.size() == TARGETS_PER_PAGE) {
            html.raw("<nav aria-label=\"Pages\" class=\"pages\"><ul><li><a rel=\"next\"")
                    .attr(
                            "href",
                            base + "/targets?after=" + list.get(list.size() - 1).id())
                    .raw(">More targets</a></li></ul></nav>");
        }
        send(resp, HttpServletResponse.SC_OK, end(html));
    }

    private void signInPage(
            HttpServletRequest req, HttpServletResponse resp, String base, @Nullable String error, int status)
            throws IOException {
        Html html = head(base, "Sign in");
        html.raw("<main id=\"main\" class=\"narrow\"><h1>Sign in to the webhook dashboard</h1>");
        if (error != null) {
            html.raw("<p role=\"alert\" class=\"error\" id=\"sign-in-error\">")
                    .text(error)
                    .raw("</p>");
        }
        html.raw("<form method=\"post\"").attr("action", base + "/sign-in").raw(">");
        html.raw("<label for=\"token\">API token</label>"
                + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required"
                + " maxlength=\"4096\"><button type=\"submit\" id=\"sign-in\">Sign in</button></form>"
                + "<p>The token is checked once; the browser then keeps a session cookie, never the token.</p>"
                + "</main></body></html>");
        send(resp, status, html.toString());
    }

    private void notFound(HttpServletResponse resp, String base, Session session) throws IOException {
        Html html = page(base, session, "Not found");
        html.raw("<h1>Not found</h1><p>There is no such delivery or target.</p><p><a")
                .attr("href", base + "/")
                .raw(">Back to the outbox</a></p>");
        send(resp, HttpServletResponse.SC_NOT_FOUND, end(html));
    }

    // --------------------------------------------------------------------------------------------- POST

    private void signIn(HttpServletRequest req, HttpServletResponse resp, String base) throws IOException {
        String token = req.getParameter("token");
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            signInPage(req, resp, base, "Enter an API token.", HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        DashboardUser user = authenticator.signIn(token.strip());
        if (user == null) {
            signInPage(req, resp, base, "That token is not recognised.", HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Session session = sessions.open(user.owner(), user.name(), user.mayAct(), false);
        if (session == null) {
            signInPage(req, resp, base, "Too many sessions; try again later.", 503);
            return;
        }
        LOG.info("Dashboard sign-in: {} (owner {})", user.name(), user.owner());
        setCookie(req, resp, base, session.id(), -1);
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", base + "/");
    }

    private void post(HttpServletRequest req, HttpServletResponse resp, String base, String path, @Nullable Session s)
            throws IOException {
        if (s == null) {
            forbidden(resp, "Sign in first.");
            return;
        }
        if (!s.csrfMatches(req.getParameter("csrf"))) {
            LOG.warn("Dashboard: refused a {} without a valid CSRF token from {}", path, s.name());
            forbidden(resp, "This form has expired or did not come from the dashboard; go back and try again.");
            return;
        }
        if (path.equals("/sign-out")) {
            sessions.close(s);
            setCookie(req, resp, base, "", 0);
            resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
            resp.setHeader("Location", base + "/sign-in");
            return;
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length != 3 || !ID.matcher(parts[1]).matches()) {
            notFound(resp, base, s);
            return;
        }
        long id = Long.parseLong(parts[1]);
        Instant now = clock.instant();
        if (parts[0].equals("deliveries") && DeliveryAction.of(parts[2]) != null) {
            DeliveryAction action = DeliveryAction.of(parts[2]);
            Delivery d = ownDelivery(s, id);
            if (d == null) {
                notFound(resp, base, s);
                return;
            }
            if (!s.mayAct()) {
                forbidden(resp, "This sign-in may only read.");
                return;
            }
            if (action == DeliveryAction.FALLBACK) {
                fallback(req, resp, s, d, now);
                return;
            }
            boolean done;
            switch (action) {
                case RETRY_NOW:
                    done = deliveries.retryNow(id, now);
                    break;
                case CANCEL_RETRY:
                    done = deliveries.cancelRetry(id, now);
                    break;
                case REAPPROVE:
                default:
                    // The store decides: only a blocked or failed delivery is sent again.
                    done = deliveries.retryOnRequest(id, now);
                    break;
            }
            record(s, action.auditName, "delivery", id, done, now);
            if (done) {
                onChange.run();
            }
            redirect(resp, base + "/deliveries/" + id + "?notice=" + (done ? action.auditName : "not_applicable"));
        } else if (parts[0].equals("targets") && parts[2].equals("disable")) {
            if (targets.find(s.owner(), id) == null) {
                notFound(resp, base, s);
                return;
            }
            if (!s.mayAct()) {
                forbidden(resp, "This sign-in may only read.");
                return;
            }
            boolean done = targets.disable(s.owner(), id, now);
            record(s, "disable", "target", id, done, now);
            redirect(resp, base + "/targets?notice=" + (done ? "disable" : "not_applicable") + "#target-" + id);
        } else {
            notFound(resp, base, s);
        }
    }

    private void fallback(HttpServletRequest req, HttpServletResponse resp, Session s, Delivery d, Instant now)
            throws IOException {
        PortableExport.Format format = PortableExport.Format.named(req.getParameter("format"));
        if (format == null) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "format must be csv, md or json");
            return;
        }
        String action = "download_" + format.extension();
        List<WebhookSecret> secrets = credentials == null ? List.of() : credentials.signingSecrets(d.targetId());
        PortableExport export = PortableExport.of(d.targetId(), d.providerKey(), d.export(), secrets);
        if (export.finding() != null) {
            record(s, action, "delivery", d.id(), false, now);
            Html html = page(req.getContextPath() + req.getServletPath(), s, "Fallback withheld");
            html.raw("<h1>Fallback withheld</h1><p role=\"alert\">The export carries something that must not"
                    + " leave (a secret, a token or a private path): redact it first.</p>");
            send(resp, HttpServletResponse.SC_CONFLICT, end(html));
            return;
        }
        byte[] body = export.render(format);
        record(s, action, "delivery", d.id(), true, now);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(format.mediaType());
        resp.setHeader(
                "Content-Disposition", "attachment; filename=\"delivery-" + d.id() + "." + format.extension() + "\"");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private void record(Session s, String action, String subjectType, long id, boolean done, Instant now) {
        audit.record(new DashboardAudit.Entry(
                s.owner(), s.name(), action, subjectType, id, done ? "done" : "not_applicable", now));
        LOG.info(
                "Dashboard action: {} {} {} {} by {} (owner {})",
                action,
                subjectType,
                id,
                done ? "done" : "not_applicable",
                s.name(),
                s.owner());
    }

    private static void forbidden(HttpServletResponse resp, String message) throws IOException {
        Html html = new Html();
        html.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused</title></head>"
                        + "<body><main><h1>Refused</h1><p role=\"alert\">")
                .text(message)
                .raw("</p></main></body></html>");
        send(resp, HttpServletResponse.SC_FORBIDDEN, html.toString());
    }

    private static void redirect(HttpServletResponse resp, String location) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", location);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static boolean crossSite(HttpServletRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin") && !site.equals("none");
    }

    private static boolean sameUser(Session session, DashboardUser user) {
        return session.owner().equals(user.owner())
                && session.name().equals(user.name())
                && session.mayAct() == user.mayAct();
    }

    @Nullable
    private Delivery ownDelivery(Session session, long id) {
        // A delivery's owner never changes, so reading it first cannot go stale.
        if (!session.owner().equals(deliveries.ownerOf(id))) {
            return null;
        }
        return deliveries.find(id);
    }

    private ExportTarget withSecrets(StoredTarget stored) {
        return credentials == null
                ? stored.target()
                : stored.target().toBuilder()
                        .signingSecrets(credentials.signingSecrets(stored.id()))
                        .build();
    }

    private SigningStatus signing(StoredTarget stored) {
        boolean enabled = stored.target().signingEnabled();
        if (credentials == null) {
            return enabled ? SigningStatus.SIGNED : SigningStatus.UNSIGNED;
        }
        return SigningStatus.of(
                enabled, !credentials.signingSecrets(stored.id()).isEmpty());
    }

    private static String displayName(StoredTarget stored) {
        String name = stored.target().name();
        return name == null || name.isBlank() ? "Target " + stored.id() : name;
    }

    private static DeliveryStore.Filter filter(HttpServletRequest req, String owner) {
        String status = param(req, "status", 32);
        String code = param(req, "code", DeliveryStore.Filter.MAX_CODE_LENGTH);
        String target = param(req, "target", 18);
        if (target != null && !ID.matcher(target).matches()) {
            throw new IllegalArgumentException("target must be a target id");
        }
        return new DeliveryStore.Filter(
                owner,
                status == null ? null : DeliveryStatus.fromWireName(status),
                code,
                target == null ? null : Long.valueOf(target),
                instant(param(req, "from", 32)),
                instant(param(req, "to", 32)));
    }

    @Nullable
    private static String param(HttpServletRequest req, String name, int maxLength) {
        String value = req.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " is too long");
        }
        return value.strip();
    }

    @Nullable
    private static Instant instant(@Nullable String local) {
        if (local == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("times must read like 2026-11-29T18:30 (UTC)");
        }
    }

    private static String query(DeliveryStore.Filter f, @Nullable Long before) {
        List<String> parts = new ArrayList<>();
        if (f.status() != null) {
            parts.add("status=" + f.status().wireName());
        }
        if (f.code() != null) {
            parts.add("code=" + Html.query(f.code()));
        }
        if (f.targetId() != null) {
            parts.add("target=" + f.targetId());
        }
        if (f.createdFrom() != null) {
            parts.add("from=" + Html.query(localTime(f.createdFrom())));
        }
        if (f.createdBefore() != null) {
            parts.add("to=" + Html.query(localTime(f.createdBefore())));
        }
        if (before != null) {
            parts.add("before=" + before);
        }
        return String.join("&", parts);
    }

    @Nullable
    private static String localTime(@Nullable Instant instant) {
        return instant == null
                ? null
                : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC)
                        .toString();
    }

    private static String time(@Nullable Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String snippet(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_SNIPPET_CHARS ? text : text.substring(0, MAX_SNIPPET_CHARS) + " …";
    }

    private static String label(DeliveryStatus status) {
        return status.wireName();
    }

    private static void status(Html html, DeliveryStatus status) {
        html.raw("<span").attr("class", "status status-" + status.wireName()).raw(">");
        html.text(status.wireName()).raw("</span>");
    }

    private static void fact(Html html, String term, @Nullable Object value, @Nullable String id) {
        html.raw("<dt>").text(term).raw("</dt><dd");
        if (id != null) {
            html.attr("id", id);
        }
        html.raw(">").text(value).raw("</dd>");
    }

    private static void csrf(Html html, Session session) {
        html.raw("<input type=\"hidden\" name=\"csrf\"")
                .attr("value", session.csrfToken())
                .raw(">");
    }

    private static void notice(Html html, HttpServletRequest req) {
        String key = req.getParameter("notice");
        String text = key == null ? null : NOTICES.get(key);
        if (text != null) {
            html.raw("<p role=\"status\" class=\"notice\" id=\"notice\">")
                    .text(text)
                    .raw("</p>");
        }
    }

    private static Html head(String base, String title) {
        return new Html()
                .raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .text(title + " · Webhook dashboard")
                .raw("</title><link rel=\"stylesheet\"")
                .attr("href", base + "/static/dashboard.css")
                .raw("></head><body><a class=\"skip\" href=\"#main\">Skip to content</a>");
    }

    private static Html page(String base, Session session, String title) {
        Html html = head(base, title);
        html.raw("<header><nav aria-label=\"Dashboard\"><ul><li><a")
                .attr("href", base + "/")
                .raw(">Outbox</a></li><li><a")
                .attr("href", base + "/targets")
                .raw(">Targets</a></li></ul></nav><p class=\"who\" id=\"who\">Signed in as ")
                .text(session.name())
                .raw(" (owner ")
                .text(session.owner())
                .raw(session.mayAct() ? ")" : ", read only)")
                .raw("</p>");
        if (!session.viaRequest()) {
            // Signed in with a token: the dashboard's own session is all there is to end. Behind the
            // application's security, the application's sign-out ends it (a dashboard one could not).
            html.raw("<form method=\"post\" class=\"sign-out\"")
                    .attr("action", base + "/sign-out")
                    .raw(">");
            csrf(html, session);
            html.raw("<button type=\"submit\">Sign out</button></form>");
        }
        html.raw("</header><main id=\"main\">");
        return html;
    }

    private static String end(Html html) {
        return html.raw("</main></body></html>").toString();
    }

    private static void send(HttpServletResponse resp, int status, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static void stylesheet(HttpServletResponse resp) throws IOException {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("dashboard.css")) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            byte[] css = in.readAllBytes();
            resp.setHeader("Cache-Control", "max-age=3600");
            resp.setContentType("text/css; charset=utf-8");
            resp.setContentLength(css.length);
            resp.getOutputStream().write(css);
        }
    }

    @Nullable
    private static String cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(SESSION_COOKIE)) {
                return c.getValue();
            }
        }
        return null;
    }

    private static void setCookie(
            HttpServletRequest req, HttpServletResponse resp, String base, String value, int maxAge) {
        StringBuilder cookie = new StringBuilder(SESSION_COOKIE + "=" + value + "; Path="
                + (base.isEmpty() ? "/" : base) + "; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) {
            cookie.append("; Max-Age=").append(maxAge);
        }
        if (req.isSecure()) {
            cookie.append("; Secure");
        }
        resp.addHeader("Set-Cookie", cookie.toString());
    }

    @Override
    public String toString() {
        return "DashboardServlet[" + deliveries + ", " + targets + ", " + sessions + "]";
    }

    /** The delivery actions, each a confirmation page and a POST to {@code /deliveries/{id}/{path}}. */
    private enum DeliveryAction {
        RETRY_NOW("retry", "Retry now", "retry_now", "It is sent at once, with the same idempotency key."),
        CANCEL_RETRY(
                "cancel",
                "Cancel the scheduled retry",
                "cancel_retry",
                "It becomes failed and is not sent again unless re-approved; the portable fallback applies."),
        REAPPROVE(
                "reapprove",
                "Re-approve",
                "reapprove",
                "Fix its target (URL, secret) or payload first: it is sent again as a new round."),
        FALLBACK("fallback", "Download the fallback", "download", "");

        final String path;
        final String label;
        final String auditName;
        final String explanation;

        DeliveryAction(String path, String label, String auditName, String explanation) {
            this.path = path;
            this.label = label;
            this.auditName = auditName;
            this.explanation = explanation;
        }

        boolean applies(DeliveryStatus status) {
            switch (this) {
                case RETRY_NOW:
                case CANCEL_RETRY:
                    return status == DeliveryStatus.RETRY_SCHEDULED;
                case REAPPROVE:
                    return status == DeliveryStatus.BLOCKED || status == DeliveryStatus.FAILED;
                default:
                    return true;
            }
        }

        @Nullable
        static DeliveryAction of(String path) {
            for (DeliveryAction a : values()) {
                if (a.path.equals(path)) {
                    return a;
                }
            }
            return null;
        }
    }

    /**
     * Builds a {@link DashboardServlet}. Not thread-safe; {@link #build()} takes a snapshot.
     */
    public static final class Builder {
        private DeliveryStore deliveries;
        private TargetStore targets;
        private @Nullable CredentialProvider credentials;
        private DashboardAuthenticator authenticator;
        private DashboardAudit audit;
        private TargetSafety safety = TargetSafety.ofDefaults();
        private Clock clock = Clock.systemUTC();
        private Runnable onChange = () -> {};
        private Duration sessionTimeout = Duration.ofMinutes(30);
        private int maxSessions = 10_000;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {}

        /** The outbox shown and acted on. Required. */
        public Builder deliveryStore(DeliveryStore deliveries) {
            this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
            return this;
        }

        /** The targets shown and disabled. Required. */
        public Builder targetStore(TargetStore targets) {
            this.targets = Objects.requireNonNull(targets, "targets");
            return this;
        }

        /**
         * Where targets' signing secrets are: used to show whether a target holds one and to keep them out
         * of fallbacks; never shown. Default: none (signing status then says only whether signing is on).
         */
        public Builder credentials(CredentialProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Checks sign-in tokens and names the owner each sees. Required. */
        public Builder authenticator(DashboardAuthenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** Where actions are recorded. Default: {@link DashboardAudit#inMemory()}. */
        public Builder audit(DashboardAudit audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /** The safety check shown for each target. Default: {@link TargetSafety#ofDefaults()}. */
        public Builder targetSafety(TargetSafety safety) {
            this.safety = Objects.requireNonNull(safety, "safety");
            return this;
        }

        /** Times of actions, session expiry and charts. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Run after an action made a delivery due, such as {@code dispatcher::wakeUp}. Default: nothing. */
        public Builder onChange(Runnable onChange) {
            this.onChange = Objects.requireNonNull(onChange, "onChange");
            return this;
        }

        /**
         * How long an idle session lasts. Default: 30 minutes.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder sessionTimeout(Duration sessionTimeout) {
            Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            if (sessionTimeout.isZero() || sessionTimeout.isNegative()) {
                throw new IllegalArgumentException("sessionTimeout must be positive");
            }
            this.sessionTimeout = sessionTimeout;
            return this;
        }

        /**
         * Deliveries per page. Default: {@value DashboardServlet#DEFAULT_PAGE_SIZE}.
         *
         * @throws IllegalArgumentException if not 1 to {@link DeliveryStore#MAX_PAGE_LIMIT}
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = DeliveryStore.checkPageLimit(pageSize);
            return this;
        }

        /**
         * The servlet.
         *
         * @throws IllegalStateException if a store or the authenticator is missing
         */
        public DashboardServlet build() {
            if (deliveries == null || targets == null || authenticator == null) {
                throw new IllegalStateException("deliveryStore, targetStore and authenticator are required");
            }
            if (audit == null) {
                audit = DashboardAudit.inMemory();
            }
            return new DashboardServlet(this);
        }
    }
}
