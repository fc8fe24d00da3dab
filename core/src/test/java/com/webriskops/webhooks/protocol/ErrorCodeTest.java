package com.webriskops.webhooks.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void everyCodeKeepsItsWireValue() {
        Map<ErrorCode, String> expected = new LinkedHashMap<>();
        expected.put(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "WEBHOOK_SIGNATURE_INVALID");
        expected.put(ErrorCode.WEBHOOK_VALIDATION_FAILED, "WEBHOOK_VALIDATION_FAILED");
        expected.put(ErrorCode.WEBHOOK_FORBIDDEN, "WEBHOOK_FORBIDDEN");
        expected.put(ErrorCode.WEBHOOK_RATE_LIMITED, "WEBHOOK_RATE_LIMITED");
        expected.put(ErrorCode.WEBHOOK_DELIVERY_IN_PROGRESS, "WEBHOOK_DELIVERY_IN_PROGRESS");
        expected.put(ErrorCode.WEBHOOK_RECEIVER_UNAVAILABLE, "WEBHOOK_RECEIVER_UNAVAILABLE");
        expected.put(ErrorCode.WEBHOOK_DELIVERY_FAILED, "WEBHOOK_DELIVERY_FAILED");
        expected.put(ErrorCode.GENERIC_WEBHOOK_SECRET_MISSING, "generic_webhook_secret_missing");
        expected.put(ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE, "generic_webhook_url_unsafe");
        expected.put(ErrorCode.GENERIC_WEBHOOK_REDIRECT_BLOCKED, "generic_webhook_redirect_blocked");
        expected.put(ErrorCode.GENERIC_WEBHOOK_VALIDATION_FAILED, "generic_webhook_validation_failed");
        expected.put(ErrorCode.GENERIC_WEBHOOK_AUTH_FAILED, "generic_webhook_auth_failed");
        expected.put(ErrorCode.GENERIC_WEBHOOK_REJECTED, "generic_webhook_rejected");
        expected.put(ErrorCode.GENERIC_WEBHOOK_TARGET_MISSING, "generic_webhook_target_missing");
        expected.put(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE, "webhook_payload_unsafe");
        expected.put(ErrorCode.PROVIDER_AUTH_REQUIRED, "PROVIDER_AUTH_REQUIRED");
        expected.put(ErrorCode.PROVIDER_BASE_URL_BLOCKED, "PROVIDER_BASE_URL_BLOCKED");
        expected.put(ErrorCode.UNAUTHORIZED, "UNAUTHORIZED");
        expected.put(ErrorCode.FORBIDDEN, "FORBIDDEN");
        expected.put(ErrorCode.VALIDATION_FAILED, "VALIDATION_FAILED");
        expected.put(ErrorCode.RATE_LIMITED, "RATE_LIMITED");
        expected.put(ErrorCode.NOT_FOUND, "NOT_FOUND");
        expected.put(ErrorCode.IDEMPOTENCY_KEY_INVALID, "IDEMPOTENCY_KEY_INVALID");
        expected.put(ErrorCode.IDEMPOTENCY_KEY_REUSED, "IDEMPOTENCY_KEY_REUSED");
        expected.put(ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS, "IDEMPOTENCY_REQUEST_IN_PROGRESS");
        expected.put(ErrorCode.IDEMPOTENCY_STORE_UNAVAILABLE, "IDEMPOTENCY_STORE_UNAVAILABLE");
        expected.put(ErrorCode.CREDENTIALS_MANAGED_ELSEWHERE, "CREDENTIALS_MANAGED_ELSEWHERE");
        expected.put(ErrorCode.EXPORT_ALREADY_APPROVED, "EXPORT_ALREADY_APPROVED");
        expected.put(ErrorCode.EXPORT_NOT_RETRYABLE, "EXPORT_NOT_RETRYABLE");

        assertThat(expected.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        expected.forEach((code, wire) -> {
            assertThat(code.wireValue()).isEqualTo(wire);
            assertThat(code).hasToString(wire);
            assertThat(ErrorCode.fromWireValue(wire)).isSameAs(code);
        });
    }

    @Test
    void wireValuesAreUnique() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireValue)).doesNotHaveDuplicates();
    }

    @Test
    void refusesAnUnknownWireValue() {
        assertThatThrownBy(() -> ErrorCode.fromWireValue("generic_webhook_unknown"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
