package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the receiver conformance suite needs to know of one signature scheme: how to build a receiver
 * for it, how a sender signs, retries, tampers with and malforms a delivery, and what the application
 * sees of a delivery. Everything else the suite asserts is the same for every scheme, so a new scheme
 * is one more implementation, listed in {@link #all()}.
 */
public interface SchemeFixture {
    /**
     * A signed delivery whose payload the receiver must refuse with 422, and the violations the answer
     * lists (at least these, or exactly these).
     *
     * @param name what is wrong, for the test report
     * @param delivery builds the signed delivery (a suite may set its timestamp and secrets first)
     * @param fields the violations' {@code field} members
     * @param exactly whether the answer lists no other violation
     */
    record Invalid(String name, DeliveryBuilder<?> delivery, List<String> fields, boolean exactly) {
        /** A delivery refused with at least the violations of {@code fields}. */
        public static Invalid listing(String name, DeliveryBuilder<?> delivery, String... fields) {
            return new Invalid(name, delivery, List.of(fields), false);
        }

        /** A delivery refused with exactly the violations of {@code fields}. */
        public static Invalid listingOnly(String name, DeliveryBuilder<?> delivery, String... fields) {
            return new Invalid(name, delivery, List.of(fields), true);
        }

        /** The delivery, signed as its builder stands. */
        public SignedDelivery request() {
            return delivery.build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every scheme the kit ships, each run through {@link SchemeConformanceCases}. */
    static List<SchemeFixture> all() {
        return List.of(WebRiskOpsFixture.INSTANCE, VicketFixture.INSTANCE);
    }

    /**
     * A receiver builder for this scheme that verifies with {@code secrets} (the receiver's secrets, or
     * keys the scheme holds itself, derived from them); the suite adds the clock and body limit.
     */
    WebhookReceiver.Builder<?> receiver(List<WebhookSecret> secrets);

    /**
     * A fresh, valid delivery: its own duplicate-guard key and replay inputs, signed with {@link
     * Deliveries#SECRET} unless {@link DeliveryBuilder#signedWith} says otherwise (with what the
     * scheme derives from those secrets, as {@link #receiver} does).
     */
    DeliveryBuilder<?> delivery();

    /** Try number {@code attempt} (from 1) of the delivery whose duplicate-guard key is {@code key}. */
    DeliveryBuilder<?> retry(String key, int attempt);

    /** The duplicate-guard key of a built delivery, as the receiver must read it. */
    String idempotencyKey(SignedDelivery request);

    /** The replay id the receiver must record for a built delivery ({@link VerifiedDelivery#nonce()}). */
    String replayId(SignedDelivery request);

    /** The attempt number the application sees for try number {@code attempt}. */
    int attemptSeen(int attempt);

    /** What application code reads from the typed payload to show it got it: a short text member. */
    String summary(VerifiedDelivery<?> delivery);

    /** The {@link #summary} of an unedited {@link #delivery()}. */
    String defaultSummary();

    /** Sets the member {@link #summary} reads to {@code text}. */
    Consumer<ObjectNode> summaryIs(String text);

    /** Adds members the scheme does not define (yet), at the top and deeper. */
    Consumer<ObjectNode> unknownMembers();

    /** Validly signed deliveries whose payload breaks each of the scheme's rules (each refused with 422). */
    List<Invalid> invalidPayloads();

    /** Removes a member the scheme requires. */
    Consumer<ObjectNode> requiredMemberRemoved();

    /** {@code body} with a meaningful value changed, as an attacker would alter it after signing. */
    byte[] tampered(byte[] body);

    /** The header carrying the signature. */
    String signatureHeader();

    /** Deliveries whose signature inputs are present but malformed (each refused with 401). */
    List<DeliveryBuilder<?>> malformedSignatures();

    /** The parts of a built delivery's signature that an answer must never echo. */
    List<String> signatureParts(SignedDelivery request);
}
