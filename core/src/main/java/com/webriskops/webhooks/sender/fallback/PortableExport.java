package com.webriskops.webhooks.sender.fallback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.webriskops.webhooks.WebhookException;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.RenderedBody;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExport.AcceptanceCriterion;
import com.webriskops.webhooks.payload.TicketExport.EvidenceLink;
import com.webriskops.webhooks.payload.TicketExport.TicketSource;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.internal.PayloadSafety;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The portable fallback: the same ticket export rendered as CSV (RFC 4180, one header row and one
 * record, CRLF line ends, written by Jackson's CSV module), Markdown (every special character
 * escaped) or JSON, for a user to carry over by hand after a delivery {@code failed} or while it is
 * {@code blocked}. Each form carries the same source identifiers (idempotency key, target, account,
 * project, source type and ids, fingerprint). Nothing else is added: no secret, no signature.
 *
 * <p>Before rendering, the JSON form is scanned with {@link PayloadSafety} (with the target's
 * secrets); if the export itself carries a secret, a token or a private path, every render refuses
 * with a {@link WebhookException} naming the field, so the fallback cannot leak what the sender
 * blocked. Immutable and thread-safe.
 */
public final class PortableExport {
    private static final CsvMapper CSV = new CsvMapper();

    /** The columns that identify the export and its source, first in every form. */
    private static final List<String> IDENTIFYING_COLUMNS = List.of(
            "idempotency_key",
            "target_id",
            "provider_key",
            "account_id",
            "project_id",
            "source_type",
            "source_record_id",
            "report_id",
            "issue_id",
            "fix_task_id",
            "fingerprint",
            "severity");

    private static final List<String> COLUMNS = concat(
            IDENTIFYING_COLUMNS,
            List.of(
                    "title",
                    "summary",
                    "business_impact",
                    "reproduction_steps",
                    "evidence_links",
                    "acceptance_criteria",
                    "remediation_snippet",
                    "labels",
                    "priority",
                    "assignee",
                    "affected_url",
                    "rendered_body"));

    /**
     * What makes a spreadsheet read a cell as a formula (OWASP's list: {@code = + - @}, tab, carriage
     * return), with the line feed and the full-width and small forms of the four signs.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b";

    private final Document document;

    @Nullable
    private final PayloadFinding finding;

    /**
     * The JSON form: identifiers, the ticket export and its rendered body.
     *
     * @param idempotencyKey the export's idempotency key
     * @param target the target's id and provider key
     * @param account the account and project
     * @param ticketExport the ticket export, as sent
     * @param renderedBody the rendered body, as sent
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Document(
            String idempotencyKey,
            Target target,
            Account account,
            TicketExport ticketExport,
            RenderedBody renderedBody) {}

    /** The target reference of {@link Document}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Target(long id, ProviderKey providerKey) {}

    /** The account reference of {@link Document}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Account(long id, long projectId) {}

    private PortableExport(Document document, List<WebhookSecret> secrets) {
        this.document = document;
        this.finding = PayloadSafety.firstFinding(jsonBytes(document), secrets);
    }

    /**
     * The fallback for {@code export} to the target {@code targetId}; {@code secrets} are the target's
     * signing secrets, which must not appear in any rendering.
     */
    public static PortableExport of(
            long targetId, ProviderKey providerKey, ExportRequest export, List<WebhookSecret> secrets) {
        Objects.requireNonNull(providerKey, "providerKey");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(secrets, "secrets");
        return new PortableExport(
                new Document(
                        export.idempotencyKey(),
                        new Target(targetId, providerKey),
                        new Account(export.accountId(), export.projectId()),
                        export.ticketExport(),
                        export.renderedBody()),
                List.copyOf(secrets));
    }

    /** The fallback for a stored delivery to {@code target}. */
    public static PortableExport of(Delivery delivery, ExportTarget target) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(target, "target");
        return of(delivery.targetId(), delivery.providerKey(), delivery.export(), target.signingSecrets());
    }

    /**
     * The three forms of the fallback, each with its media type and file extension. Every place that
     * offers a download (the export API, the dashboard) takes its format names from here.
     */
    public enum Format {
        CSV("csv", "text/csv; charset=utf-8"),
        MARKDOWN("md", "text/markdown; charset=utf-8"),
        JSON("json", "application/json");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        /**
         * The format a caller named: {@code csv}, {@code md} or {@code markdown}, {@code json}
         * (exactly, lower case); null for anything else.
         */
        @Nullable
        public static Format named(@Nullable String name) {
            if (name == null) {
                return null;
            }
            switch (name) {
                case "csv":
                    return CSV;
                case "md":
                case "markdown":
                    return MARKDOWN;
                case "json":
                    return JSON;
                default:
                    return null;
            }
        }

        /** The file extension, without the dot: {@code csv}, {@code md} or {@code json}. */
        public String extension() {
            return extension;
        }

        /** The media type of a download in this form. */
        public String mediaType() {
            return mediaType;
        }
    }

    /** What {@link PayloadSafety} found in the export, or null when it may be rendered. */
    @Nullable
    public PayloadFinding finding() {
        return finding;
    }

    /** The JSON form's document. */
    public Document document() {
        return document;
    }

    /**
     * The export in {@code format}, UTF-8.
     *
     * @throws WebhookException if the export carries something that must not leave
     */
    public byte[] render(Format format) {
        Objects.requireNonNull(format, "format");
        switch (format) {
            case CSV:
                return csv().getBytes(StandardCharsets.UTF_8);
            case MARKDOWN:
                return markdown().getBytes(StandardCharsets.UTF_8);
            case JSON:
            default:
                return json();
        }
    }

    /**
     * The JSON form, UTF-8.
     *
     * @throws WebhookException if the export carries something that must not leave
     */
    public byte[] json() {
        checkSafe();
        return jsonBytes(document);
    }

    /**
     * The CSV form: a header row and one record, RFC 4180 (CRLF, fields quoted when needed, quotes
     * doubled). Lists are joined with line breaks inside their field. A cell a spreadsheet would
     * evaluate as a formula (one starting, after any spaces, with {@code = + - @}, their full-width or
     * small forms, a tab or a line break) gets a leading {@code '}, as OWASP recommends, so it is
     * read as text.
     *
     * @throws WebhookException if the export carries something that must not leave
     */
    public String csv() {
        checkSafe();
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build().withHeader().withLineSeparator("\r\n"))
                    .writeValueAsString(csvRow());
        } catch (JsonProcessingException e) {
            throw new WebhookException("could not render the ticket export as CSV", e);
        }
    }

    /**
     * The Markdown form: a title, the identifiers, then one section per part of the ticket; every
     * Markdown and HTML special character in the ticket's text is backslash-escaped, and only http(s)
     * links become links.
     *
     * @throws WebhookException if the export carries something that must not leave
     */
    public String markdown() {
        checkSafe();
        TicketExport ticket = document.ticketExport();
        TicketSource source = ticket.source();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(escape(ticket.title())).append("\n\n");
        Map<String, String> row = row();
        for (String column : concat(IDENTIFYING_COLUMNS, List.of("priority", "assignee"))) {
            String value = row.get(column);
            if (!value.isEmpty()) {
                md.append("- **")
                        .append(escape(column))
                        .append("**: ")
                        .append(escape(value))
                        .append('\n');
            }
        }
        if (source.affectedUrl() != null) {
            md.append("- **affected\\_url**: ")
                    .append(link(source.affectedUrl(), source.affectedUrl()))
                    .append('\n');
        }
        section(md, "Summary", ticket.summary());
        section(md, "Business impact", ticket.businessImpact());
        if (!ticket.reproductionSteps().isEmpty()) {
            md.append("\n## Reproduction steps\n\n");
            int n = 1;
            for (String step : ticket.reproductionSteps()) {
                md.append(n++).append(". ").append(escapeLines(step, "   ")).append('\n');
            }
        }
        if (!ticket.evidenceLinks().isEmpty()) {
            md.append("\n## Evidence\n\n");
            for (EvidenceLink link : ticket.evidenceLinks()) {
                md.append("- ").append(link(link.label(), link.url())).append('\n');
            }
        }
        if (!ticket.acceptanceCriteria().isEmpty()) {
            md.append("\n## Acceptance criteria\n\n");
            for (AcceptanceCriterion criterion : ticket.acceptanceCriteria()) {
                md.append("- ")
                        .append(escapeLines(criterion.description(), "  "))
                        .append('\n');
            }
        }
        if (ticket.remediationSnippet() != null) {
            md.append("\n## Remediation\n\n")
                    .append(escapeLines(ticket.remediationSnippet(), ""))
                    .append('\n');
        }
        if (!ticket.labels().isEmpty()) {
            md.append("\n## Labels\n\n")
                    .append(ticket.labels().stream().map(PortableExport::escape).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return md.toString();
    }

    private void checkSafe() {
        if (finding != null) {
            throw new WebhookException("the ticket export cannot be rendered: " + finding.message());
        }
    }

    private Map<String, String> csvRow() {
        Map<String, String> row = row();
        row.replaceAll((column, cell) -> defuseFormula(cell));
        return row;
    }

    /**
     * {@code cell} with a leading {@code '} when a spreadsheet would evaluate it: when its first
     * character other than a space is one of {@link #FORMULA_STARTS}.
     */
    static String defuseFormula(String cell) {
        int i = 0;
        while (i < cell.length()
                && (cell.charAt(i) == ' ' || cell.charAt(i) == '\u00a0' || cell.charAt(i) == '\u3000')) {
            i++;
        }
        return i < cell.length() && FORMULA_STARTS.indexOf(cell.charAt(i)) >= 0 ? "'" + cell : cell;
    }

    private Map<String, String> row() {
        TicketExport ticket = document.ticketExport();
        TicketSource source = ticket.source();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("idempotency_key", document.idempotencyKey());
        row.put("target_id", Long.toString(document.target().id()));
        row.put("provider_key", document.target().providerKey().wireName());
        row.put("account_id", Long.toString(document.account().id()));
        row.put("project_id", Long.toString(document.account().projectId()));
        row.put("source_type", source.type());
        row.put("source_record_id", text(source.recordId()));
        row.put("report_id", text(source.reportId()));
        row.put("issue_id", text(source.issueId()));
        row.put("fix_task_id", text(source.fixTaskId()));
        row.put("fingerprint", text(source.fingerprint()));
        row.put("severity", source.severity().name().toLowerCase(Locale.ROOT));
        row.put("title", ticket.title());
        row.put("summary", ticket.summary());
        row.put("business_impact", text(ticket.businessImpact()));
        row.put("reproduction_steps", String.join("\n", ticket.reproductionSteps()));
        row.put(
                "evidence_links",
                ticket.evidenceLinks().stream()
                        .map(link -> link.label() + " <" + link.url() + ">")
                        .collect(Collectors.joining("\n")));
        row.put(
                "acceptance_criteria",
                ticket.acceptanceCriteria().stream()
                        .map(AcceptanceCriterion::description)
                        .collect(Collectors.joining("\n")));
        row.put("remediation_snippet", text(ticket.remediationSnippet()));
        row.put("labels", String.join(";", ticket.labels()));
        row.put("priority", text(ticket.priority()));
        row.put("assignee", text(ticket.assignee()));
        row.put("affected_url", text(source.affectedUrl()));
        row.put("rendered_body", document.renderedBody().body());
        return row;
    }

    private static void section(StringBuilder md, String heading, @Nullable String text) {
        if (text != null && !text.isEmpty()) {
            md.append("\n## ")
                    .append(heading)
                    .append("\n\n")
                    .append(escapeLines(text, ""))
                    .append('\n');
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static String escapeLines(String text, String indent) {
        return text.lines().map(PortableExport::escape).collect(Collectors.joining("  \n" + indent));
    }

    /** Backslash-escapes every ASCII punctuation character CommonMark gives a meaning to. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_{}[]()#+-.!|<>~&\"'=:$%^@".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\r' || c == '\n' ? ' ' : c);
        }
        return out.toString();
    }

    private static String link(String label, String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://"))) {
            return escape(label) + " (" + escape(url) + ")";
        }
        StringBuilder safe = new StringBuilder();
        for (char c : url.toCharArray()) {
            if (c <= 0x20 || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\' || c >= 0x7f) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    safe.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            } else {
                safe.append(c);
            }
        }
        return "[" + escape(label) + "](<" + safe + ">)";
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static byte[] jsonBytes(Document document) {
        try {
            return WebhookJson.mapper().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new WebhookException("could not render the ticket export as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "PortableExport[idempotencyKey=" + document.idempotencyKey() + "]";
    }
}
