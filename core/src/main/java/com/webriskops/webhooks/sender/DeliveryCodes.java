package com.webriskops.webhooks.sender;

import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;

/**
 * The codes a delivery attempt ends with, besides {@link TargetCheck#SECRET_MISSING}, {@link
 * TargetCheck#URL_UNSAFE} and {@link PayloadFinding#CODE}. See DESIGN's "Sender rules".
 */
public final class DeliveryCodes {
    /** 3xx: redirects are never followed; fix the URL. Blocked. */
    public static final String REDIRECT_BLOCKED = "generic_webhook_redirect_blocked";
    /** 400, 413, 415, 422: the receiver refused the payload. Blocked. */
    public static final String VALIDATION_FAILED = "generic_webhook_validation_failed";
    /** 401, 403: the receiver refused the signature or the sender. Blocked. */
    public static final String AUTH_FAILED = "generic_webhook_auth_failed";
    /**
     * Any other 4xx (404, 405, 410, ...): the endpoint refused the request for a reason a retry will
     * not change. Blocked. Not in DESIGN's table; the kit's choice.
     */
    public static final String REJECTED = "generic_webhook_rejected";
    /** The delivery's target no longer exists. Blocked. */
    public static final String TARGET_MISSING = "generic_webhook_target_missing";
    /** 429: retried after {@code Retry-After}. */
    public static final String RATE_LIMITED = "WEBHOOK_RATE_LIMITED";
    /** 409, 408, 425, 5xx, timeouts, connection errors, and exhausted attempts. */
    public static final String DELIVERY_FAILED = "WEBHOOK_DELIVERY_FAILED";

    private DeliveryCodes() {}
}
