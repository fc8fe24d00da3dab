package com.webriskops.webhooks.sender.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.receiver.Violation;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore.ClaimedDelivery;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Approve;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.CreateTarget;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.ExportState;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Exports;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Fallback;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.FallbackFile;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Verdict;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The export rules of the ticket-export API ({@link Exports}): approve, status, retry and fallback,
 * each allowed and refused with its status and code, and another owner's export answering exactly like
 * an unknown one. Real in-memory stores; names resolve from {@link TargetSafetyTest#RESOLVER}.
 */
class ApiRulesExportsTest {
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String SIGNING_SECRET = "alice-signing-secret-0123456789";
    private static final String URL = "https://hooks.example.com/webriskops";

    private final MutableClock clock = new MutableClock(TestDeliveries.NOW);
    private final TargetStore targets = TargetStore.inMemory();
    private final CredentialStore credentials = CredentialStore.inMemory();
    private final DeliveryStore deliveries = DeliveryStore.inMemory();
    private final Map<String, Map<String, ExportRequest>> prepared = new HashMap<>();
    private final ApiRules rules = ApiRules.builder()
            .targetStore(targets)
            .credentials(credentials)
            .clock(clock)
            .build();
    private final Exports exports = rules.exports(
            deliveries,
            TargetSafety.using(TargetSafetyTest.RESOLVER),
            (owner, exportId) -> prepared.getOrDefault(owner, Map.of()).get(exportId));

    private void prepare(String owner, String exportId, ExportRequest export) {
        prepared.computeIfAbsent(owner, o -> new HashMap<>()).put(exportId, export);
    }

    private void prepare(String owner, String exportId) {
        prepare(owner, exportId, TestDeliveries.exampleExport(owner + "-" + exportId));
    }

    private long target(String owner, List<String> secrets) {
        ApiRules.Created created =
                rules.create(owner, new CreateTarget("generic_webhook", URL, null, null, null, null, null, secrets));
        assertThat(created.verdict().ok()).as(created.verdict().toString()).isTrue();
        return created.target().id();
    }

    private long target(String owner) {
        return target(owner, List.of(SIGNING_SECRET));
    }

    private static void assertRefused(Verdict verdict, int status, ErrorCode code, String detail) {
        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.code()).isEqualTo(code);
        assertThat(verdict.detail()).isEqualTo(detail);
    }

    /** Alice's "export-1", prepared, approved for {@code target} and blocked at its first attempt; its delivery id. */
    private long blockedExport(long target) {
        prepare(ALICE, "export-1");
        long delivery = exports.approve(ALICE, new Approve("export-1", target))
                .delivery()
                .id();
        block(delivery);
        return delivery;
    }

    private void block(long deliveryId) {
        List<ClaimedDelivery> claims = deliveries.claimDue(ALICE, clock.instant(), Duration.ofMinutes(1), 10);
        ClaimedDelivery claim = claims.stream()
                .filter(c -> c.delivery().id() == deliveryId)
                .findFirst()
                .orElseThrow();
        AttemptOutcome outcome = AttemptOutcome.blocked(
                1,
                ErrorCode.GENERIC_WEBHOOK_AUTH_FAILED,
                "the receiver refused the signature",
                clock.instant(),
                clock.instant());
        assertThat(deliveries.finish(claim, outcome, DeliveryStatus.BLOCKED, clock.instant()))
                .isTrue();
    }

    // approve

    @Test
    void approveEnqueuesTheExportForTheOwnersTargetOnceAndAnswersTheSameDeliveryAgain() {
        prepare(ALICE, "export-1");
        long target = target(ALICE);

        ExportState first = exports.approve(ALICE, new Approve("export-1", target));
        ExportState again = exports.approve(ALICE, new Approve("export-1", target));

        assertThat(first.verdict().status()).isEqualTo(202);
        assertThat(first.enqueued()).isTrue();
        assertThat(first.delivery().targetId()).isEqualTo(target);
        assertThat(deliveries.ownerOf(first.delivery().id())).isEqualTo(ALICE);
        assertThat(again.verdict().status()).isEqualTo(202);
        assertThat(again.enqueued()).isFalse();
        assertThat(again.delivery().id()).isEqualTo(first.delivery().id());
        assertThat(deliveries.list(null, 10)).hasSize(1);
    }

    @Test
    void approveOfAnotherOwnersExportAnswersExactlyLikeAnUnknownOne() {
        prepare(ALICE, "export-1");
        long bobsTarget = target(BOB);

        ExportState othersExport = exports.approve(BOB, new Approve("export-1", bobsTarget));
        ExportState unknown = exports.approve(BOB, new Approve("no-such-export", bobsTarget));
        ExportState badId = exports.approve(BOB, new Approve("../export-1", bobsTarget));
        ExportState noOwner = exports.approve(null, new Approve("export-1", bobsTarget));

        assertRefused(othersExport.verdict(), 404, ErrorCode.NOT_FOUND, "no prepared export with this id");
        assertThat(unknown.verdict()).isEqualTo(othersExport.verdict());
        assertThat(badId.verdict()).isEqualTo(othersExport.verdict());
        assertThat(noOwner.verdict()).isEqualTo(othersExport.verdict());
        assertThat(exports.checkPrepared(BOB, "export-1")).isEqualTo(othersExport.verdict());
        assertThat(exports.checkPrepared(ALICE, "export-1").ok()).isTrue();
        assertThat(deliveries.list(null, 10)).isEmpty();
    }

    @Test
    void approveWithoutTargetIdListsTheViolation() {
        prepare(ALICE, "export-1");

        ExportState state = exports.approve(ALICE, new Approve("export-1", null));

        assertRefused(state.verdict(), 422, ErrorCode.VALIDATION_FAILED, "the request has invalid fields");
        assertThat(state.verdict().violations())
                .containsExactly(new Violation("target_id", "is required: the id of an active target"));
    }

    @Test
    void approveToAnotherOwnersOrADisabledTargetAnswersThatNoActiveTargetHasTheId() {
        prepare(ALICE, "export-1");
        long bobsTarget = target(BOB);
        long disabled = target(ALICE);
        targets.disable(ALICE, disabled, clock.instant());

        for (long id : new long[] {bobsTarget, disabled, 999_999L}) {
            ExportState state = exports.approve(ALICE, new Approve("export-1", id));

            assertRefused(state.verdict(), 422, ErrorCode.VALIDATION_FAILED, "the request has invalid fields");
            assertThat(state.verdict().violations())
                    .containsExactly(new Violation("target_id", "no active target has this id"));
        }
        assertThat(deliveries.list(null, 10)).isEmpty();
    }

    @Test
    void approveToATargetWithoutSecretAnswersSecretMissingAndSendsNothing() {
        prepare(ALICE, "export-1");
        long target = target(ALICE, null);

        ExportState state = exports.approve(ALICE, new Approve("export-1", target));

        assertThat(state.verdict().status()).isEqualTo(422);
        assertThat(state.verdict().code()).isEqualTo(ErrorCode.GENERIC_WEBHOOK_SECRET_MISSING);
        assertThat(state.verdict().providerCode()).isEqualTo(ErrorCode.PROVIDER_AUTH_REQUIRED);
        assertThat(state.delivery()).isNull();
        assertThat(deliveries.list(null, 10)).isEmpty();
    }

    @Test
    void approveOfAnExportCarryingTheTargetsSecretAnswersPayloadUnsafe() {
        prepare(ALICE, "leaky", TestDeliveries.exampleExport("alice-leaky", "the secret is " + SIGNING_SECRET));
        long target = target(ALICE);

        ExportState state = exports.approve(ALICE, new Approve("leaky", target));

        assertThat(state.verdict().status()).isEqualTo(422);
        assertThat(state.verdict().code()).isEqualTo(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE);
        assertThat(state.verdict().detail()).doesNotContain(SIGNING_SECRET);
        assertThat(deliveries.list(null, 10)).isEmpty();
    }

    @Test
    void approveForAnotherTargetAfterApprovalAnswersAlreadyApproved() {
        prepare(ALICE, "export-1");
        long first = target(ALICE);
        long second = target(ALICE);
        exports.approve(ALICE, new Approve("export-1", first));

        ExportState state = exports.approve(ALICE, new Approve("export-1", second));

        assertRefused(
                state.verdict(),
                409,
                ErrorCode.EXPORT_ALREADY_APPROVED,
                "this export was already approved for another target");
        assertThat(deliveries.list(null, 10))
                .singleElement()
                .satisfies(d -> assertThat(d.targetId()).isEqualTo(first));
    }

    @Test
    void anExportAnotherOwnerApprovedAnswersLikeAnUnknownOne() {
        // The application broke PreparedExports' contract: both owners' exports share one key.
        ExportRequest shared = TestDeliveries.exampleExport("shared-key");
        prepare(ALICE, "export-1", shared);
        prepare(BOB, "export-1", shared);
        exports.approve(ALICE, new Approve("export-1", target(ALICE)));
        long bobsTarget = target(BOB);

        ExportState approve = exports.approve(BOB, new Approve("export-1", bobsTarget));
        ExportState status = exports.status(BOB, "export-1");
        FallbackFile fallback = exports.fallback(BOB, new Fallback("export-1", "json", bobsTarget));

        assertRefused(approve.verdict(), 404, ErrorCode.NOT_FOUND, "no prepared export with this id");
        assertRefused(fallback.verdict(), 404, ErrorCode.NOT_FOUND, "no prepared export with this id");
        assertRefused(status.verdict(), 404, ErrorCode.NOT_FOUND, "the export has not been approved yet");
        assertThat(deliveries.list(null, 10))
                .singleElement()
                .satisfies(d -> assertThat(deliveries.ownerOf(d.id())).isEqualTo(ALICE));
    }

    // status

    @Test
    void statusAnswersTheOwnersDeliveryAndNotFoundBeforeApproval() {
        prepare(ALICE, "export-1");

        ExportState before = exports.status(ALICE, "export-1");
        ExportState approved = exports.approve(ALICE, new Approve("export-1", target(ALICE)));
        ExportState after = exports.status(ALICE, "export-1");

        assertRefused(before.verdict(), 404, ErrorCode.NOT_FOUND, "the export has not been approved yet");
        assertThat(after.verdict().status()).isEqualTo(200);
        assertThat(after.enqueued()).isFalse();
        assertThat(after.delivery().id()).isEqualTo(approved.delivery().id());
    }

    @Test
    void statusOfAnotherOwnersExportAnswersExactlyLikeAnUnknownOne() {
        prepare(ALICE, "export-1");
        exports.approve(ALICE, new Approve("export-1", target(ALICE)));

        ExportState othersExport = exports.status(BOB, "export-1");
        ExportState unknown = exports.status(BOB, "no-such-export");

        assertRefused(othersExport.verdict(), 404, ErrorCode.NOT_FOUND, "no prepared export with this id");
        assertThat(unknown).isEqualTo(othersExport);
    }

    // retry

    @Test
    void retryQueuesABlockedExportAgain() {
        long delivery = blockedExport(target(ALICE));

        ExportState state = exports.retry(ALICE, "export-1");

        assertThat(state.verdict().status()).isEqualTo(202);
        assertThat(state.enqueued()).isTrue();
        assertThat(state.delivery().id()).isEqualTo(delivery);
        assertThat(state.delivery().status()).isNotIn(DeliveryStatus.BLOCKED, DeliveryStatus.FAILED);
        assertThat(deliveries.find(delivery).status())
                .isEqualTo(state.delivery().status());
    }

    @Test
    void retryOfAnExportThatIsNeitherBlockedNorFailedAnswersNotRetryable() {
        prepare(ALICE, "export-1");
        ExportState approved = exports.approve(ALICE, new Approve("export-1", target(ALICE)));

        ExportState state = exports.retry(ALICE, "export-1");

        assertRefused(
                state.verdict(),
                409,
                ErrorCode.EXPORT_NOT_RETRYABLE,
                "only a blocked or failed export can be retried; it is "
                        + approved.delivery().status().wireName());
        assertThat(deliveries.find(approved.delivery().id())).isEqualTo(approved.delivery());
    }

    @Test
    void retryToATargetThatLostItsSecretAnswersSecretMissingAndChangesNothing() {
        long target = target(ALICE);
        long delivery = blockedExport(target);
        credentials.remove(target);

        ExportState state = exports.retry(ALICE, "export-1");

        assertThat(state.verdict().status()).isEqualTo(422);
        assertThat(state.verdict().code()).isEqualTo(ErrorCode.GENERIC_WEBHOOK_SECRET_MISSING);
        assertThat(deliveries.find(delivery).status()).isEqualTo(DeliveryStatus.BLOCKED);
    }

    @Test
    void retryToADeletedTargetAsksForANewApproval() {
        long target = target(ALICE);
        long delivery = blockedExport(target);
        targets.delete(ALICE, target);

        ExportState state = exports.retry(ALICE, "export-1");

        assertRefused(state.verdict(), 422, ErrorCode.VALIDATION_FAILED, "the request has invalid fields");
        assertThat(state.verdict().violations())
                .containsExactly(
                        new Violation("target_id", "the export's target was disabled or deleted; approve it again"));
        assertThat(deliveries.find(delivery).status()).isEqualTo(DeliveryStatus.BLOCKED);
    }

    @Test
    void retryOfAnotherOwnersExportAnswersExactlyLikeAnUnknownOne() {
        long delivery = blockedExport(target(ALICE));

        ExportState othersExport = exports.retry(BOB, "export-1");
        ExportState unknown = exports.retry(BOB, "no-such-export");

        assertRefused(othersExport.verdict(), 404, ErrorCode.NOT_FOUND, "no prepared export with this id");
        assertThat(unknown).isEqualTo(othersExport);
        assertThat(deliveries.find(delivery).status()).isEqualTo(DeliveryStatus.BLOCKED);
    }

    // fallback

    @Test
    void fallbackBeforeApprovalRendersForTheGivenTargetInEachFormat() throws IOException {
        prepare(ALICE, "export-1");
        long target = target(ALICE);

        FallbackFile csv = exports.fallback(ALICE, new Fallback("export-1", "csv", target));
        FallbackFile markdown = exports.fallback(ALICE, new Fallback("export-1", "md", target));
        FallbackFile json = exports.fallback(ALICE, new Fallback("export-1", null, target));

        assertThat(csv.verdict().status()).isEqualTo(200);
        assertThat(csv.mediaType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(csv.filename()).isEqualTo("ticket-export-export-1.csv");
        assertThat(markdown.mediaType()).isEqualTo("text/markdown; charset=utf-8");
        assertThat(markdown.filename()).isEqualTo("ticket-export-export-1.md");
        assertThat(json.mediaType()).isEqualTo("application/json");
        assertThat(json.filename()).isEqualTo("ticket-export-export-1.json");
        assertThat(WebhookJson.mapper()
                        .readTree(json.body())
                        .path("idempotency_key")
                        .asText())
                .isEqualTo("alice-export-1");
        assertThat(deliveries.list(null, 10)).isEmpty();
    }

    @Test
    void fallbackAfterApprovalRendersForTheApprovedTarget() throws IOException {
        prepare(ALICE, "export-1");
        long target = target(ALICE);
        exports.approve(ALICE, new Approve("export-1", target));

        FallbackFile json = exports.fallback(ALICE, new Fallback("export-1", "json", null));

        assertThat(json.verdict().ok()).isTrue();
        assertThat(WebhookJson.mapper()
                        .readTree(json.body())
                        .path("target")
                        .path("id")
                        .asLong())
                .isEqualTo(target);
    }

    @Test
    void fallbackRefusesAnUnknownFormatAMissingTargetAndAnotherOwnersTarget() {
        prepare(ALICE, "export-1");
        long bobsTarget = target(BOB);

        FallbackFile format = exports.fallback(ALICE, new Fallback("export-1", "xlsx", null));
        FallbackFile noTarget = exports.fallback(ALICE, new Fallback("export-1", "csv", null));
        FallbackFile othersTarget = exports.fallback(ALICE, new Fallback("export-1", "csv", bobsTarget));

        assertRefused(format.verdict(), 422, ErrorCode.VALIDATION_FAILED, "the request has invalid fields");
        assertThat(format.verdict().violations()).containsExactly(new Violation("format", "must be csv, md or json"));
        assertRefused(
                noTarget.verdict(), 404, ErrorCode.NOT_FOUND, "the export has not been approved yet; give target_id");
        assertRefused(othersTarget.verdict(), 404, ErrorCode.NOT_FOUND, "the export's target no longer exists");
        assertThat(othersTarget.body()).isEmpty();
    }

    @Test
    void fallbackOfAnExportCarryingTheTargetsSecretAnswersPayloadUnsafe() {
        prepare(ALICE, "leaky", TestDeliveries.exampleExport("alice-leaky", "the secret is " + SIGNING_SECRET));
        long target = target(ALICE);

        FallbackFile file = exports.fallback(ALICE, new Fallback("leaky", "csv", target));

        assertThat(file.verdict().status()).isEqualTo(422);
        assertThat(file.verdict().code()).isEqualTo(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE);
        assertThat(file.body()).isEmpty();
        assertThat(file.verdict().detail()).doesNotContain(SIGNING_SECRET);
    }

    @Test
    void fallbackOfAnotherOwnersExportAnswersExactlyLikeAnUnknownOne() {
        prepare(ALICE, "export-1");
        long bobsTarget = target(BOB);

        FallbackFile othersExport = exports.fallback(BOB, new Fallback("export-1", "csv", bobsTarget));
        FallbackFile unknown = exports.fallback(BOB, new Fallback("no-such-export", "csv", bobsTarget));

        assertRefused(othersExport.verdict(), 404, ErrorCode.NOT_FOUND, "no prepared export with this id");
        assertThat(unknown.verdict()).isEqualTo(othersExport.verdict());
    }
}
