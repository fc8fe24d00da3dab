package com.webriskops.webhooks.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.RenderedBody.RenderedFormat;
import com.webriskops.webhooks.payload.TicketExport.Severity;
import com.webriskops.webhooks.payload.TicketExport.TicketSource;
import com.webriskops.webhooks.testing.TestDeliveries;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TicketExportWebhookTest {
    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void seedExampleParsesAndValidatesUnchanged() throws Exception {
        TicketExportWebhook webhook =
                WebhookJson.mapper().readValue(TestDeliveries.examplePayload(), TicketExportWebhook.class);

        assertThat(VALIDATOR.validate(webhook)).isEmpty();
        assertThat(webhook.schemaVersion()).isEqualTo("ticket-export.webhook.v1");
        assertThat(webhook.event()).isEqualTo("ticket_export.requested");
        assertThat(webhook.idempotencyKey()).isEqualTo("generic-webhook-fingerprint-123");
        assertThat(webhook.replayProtection().timestamp()).isEqualTo("1766203200");
        assertThat(webhook.replayProtection().nonce()).isEqualTo("nonce_example_123");
        assertThat(webhook.replayProtection().signatureHeader()).isEqualTo("X-WebRiskOps-Signature");
        assertThat(webhook.attempt()).isEqualTo(1);
        assertThat(webhook.target().providerKey()).isEqualTo(ProviderKey.GENERIC_WEBHOOK);
        assertThat(webhook.account().projectId()).isEqualTo(789L);
        TicketExport ticket = webhook.ticketExport();
        assertThat(ticket.source().severity()).isEqualTo(Severity.HIGH);
        assertThat(ticket.source().fixTaskId()).isNull();
        assertThat(ticket.reproductionSteps()).containsExactly("Open checkout.", "Submit with an invalid card.");
        assertThat(ticket.evidenceLinks()).singleElement().satisfies(link -> {
            assertThat(link.url()).isEqualTo("https://app.example.test/evidence/generic-webhook-issue-42");
            assertThat(link.attachmentAllowed()).isFalse();
        });
        assertThat(ticket.acceptanceCriteria())
                .singleElement()
                .satisfies(c -> assertThat(c.evidenceRequired()).isTrue());
        assertThat(webhook.renderedBody().format()).isEqualTo(RenderedFormat.MARKDOWN);
        assertThat(webhook.renderedBody().sections()).containsExactly("summary", "evidence");
    }

    @Test
    void roundTripKeepsEveryMemberInSnakeCase() throws Exception {
        JsonNode original = WebhookJson.mapper().readTree(TestDeliveries.examplePayload());
        TicketExportWebhook webhook = WebhookJson.mapper().treeToValue(original, TicketExportWebhook.class);

        JsonNode written = WebhookJson.mapper().valueToTree(webhook);

        // Compared as text: ids are longs in the records and ints in a freshly parsed tree.
        assertThat(written.toString()).isEqualTo(original.toString());
        assertThat(WebhookJson.mapper().treeToValue(written, TicketExportWebhook.class))
                .isEqualTo(webhook);
    }

    @Test
    void listsAreUnmodifiableAndNeverNull() throws Exception {
        TicketExportWebhook webhook =
                WebhookJson.mapper().readValue(TestDeliveries.examplePayload(), TicketExportWebhook.class);

        assertThat(webhook.ticketExport().externalTicketRefs()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> webhook.ticketExport().labels().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        TicketSource bare =
                new TicketSource("report_issue", 1L, "t", Severity.LOW, null, null, null, null, null, null, null, null);
        assertThat(bare.relatedIssueIds()).isEmpty();
    }

    @Test
    void everyStringAndListIsBounded() throws Exception {
        TicketExportWebhook webhook =
                WebhookJson.mapper().readValue(TestDeliveries.examplePayload(), TicketExportWebhook.class);
        TicketExport ticket = webhook.ticketExport();
        TicketExport huge = new TicketExport(
                ticket.contractVersion(),
                ticket.source(),
                "t".repeat(501),
                ticket.summary(),
                null,
                java.util.Collections.nCopies(101, "step"),
                ticket.evidenceLinks(),
                null,
                ticket.acceptanceCriteria(),
                java.util.Collections.nCopies(51, "label"),
                null,
                null,
                null,
                null);

        Set<ConstraintViolation<TicketExport>> violations = VALIDATOR.validate(huge);

        assertThat(violations)
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("title", "reproductionSteps", "labels");
    }
}
