package com.webriskops.webhooks.vicket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The body of a Vicket webhook delivery: the same envelope for every event. Unknown members are
 * ignored, so newer senders stay readable. {@code occurred_at} is read as an RFC 3339 date-time with an
 * offset ({@code 2026-05-23T14:21:11.412Z}) by any {@code ObjectMapper}, without a Java time module,
 * and written back in UTC. Immutable (but {@code data} is a mutable Jackson tree: do not change it).
 *
 * @param id globally unique and stable across retries: the duplicate-guard key; 1 to 255 printable
 *     ASCII characters
 * @param event the workflow trigger that fired, such as {@code ticket.status_changed}; 1 to 128
 *     characters
 * @param occurredAt when the source event happened (not the delivery attempt)
 * @param data the event payload and the message configured on the action; null when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VicketWebhook(
        @NotNull @Size(min = 1, max = 255) @Pattern(regexp = "[\\x20-\\x7E]*", message = "must be printable ASCII")
        String id,

        @NotBlank @Size(max = 128) String event,

        @NotNull
        @JsonProperty("occurred_at")
        @JsonDeserialize(using = Rfc3339InstantDeserializer.class)
        @JsonSerialize(using = ToStringSerializer.class)
        Instant occurredAt,

        @Nullable JsonNode data) {}
