package com.webriskops.webhooks.sender.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.webriskops.webhooks.WebhookException;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExport.EvidenceLink;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.SenderFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortableExportTest {
    private static final String TRICKY_TITLE = "Fix \"checkout\", *now* | <b>#1</b> [x](y) _a_ `c`";

    private static ExportRequest trickyExport() {
        ExportRequest base = SenderFixtures.export("portable-1");
        TicketExport t = base.ticketExport();
        TicketExport tricky = new TicketExport(
                t.contractVersion(),
                t.source(),
                TRICKY_TITLE,
                "Line one, with comma\nLine \"two\"\r\n# not a heading",
                t.businessImpact(),
                t.reproductionSteps(),
                List.of(new EvidenceLink("Evidence (main)", "https://app.example.test/e?a=1&b=(2)", null, null, false)),
                t.remediationSnippet(),
                t.acceptanceCriteria(),
                List.of("a;b", "webriskops"),
                t.priority(),
                t.assignee(),
                t.externalTicketRefs(),
                t.exportStatus());
        return new ExportRequest(
                base.idempotencyKey(), base.accountId(), base.projectId(), tricky, base.renderedBody());
    }

    private static PortableExport portable(ExportRequest export) {
        return PortableExport.of(123, ProviderKey.GENERIC_WEBHOOK, export, List.of(SenderFixtures.SECRET));
    }

    @Test
    void csvIsRfc4180AndReadsBackWithACsvReader() throws Exception {
        String csv = portable(trickyExport()).csv();

        assertThat(csv).contains("\r\n");
        MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv);
        List<Map<String, String>> all = rows.readAll();
        assertThat(all).hasSize(1);
        Map<String, String> row = all.get(0);
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
        ExportRequest base = SenderFixtures.export();
        TicketExport t = base.ticketExport();
        TicketExport leaky = new TicketExport(
                t.contractVersion(),
                t.source(),
                t.title(),
                "secret is " + SenderFixtures.SECRET_TEXT,
                t.businessImpact(),
                t.reproductionSteps(),
                t.evidenceLinks(),
                t.remediationSnippet(),
                t.acceptanceCriteria(),
                t.labels(),
                t.priority(),
                t.assignee(),
                t.externalTicketRefs(),
                t.exportStatus());
        PortableExport portable = portable(new ExportRequest(
                base.idempotencyKey(), base.accountId(), base.projectId(), leaky, base.renderedBody()));

        assertThat(portable.finding()).isNotNull();
        assertThatThrownBy(portable::csv)
                .isInstanceOf(WebhookException.class)
                .hasMessageNotContaining(SenderFixtures.SECRET_TEXT);
        assertThatThrownBy(portable::markdown).isInstanceOf(WebhookException.class);
        assertThatThrownBy(portable::json).isInstanceOf(WebhookException.class);
    }
}
