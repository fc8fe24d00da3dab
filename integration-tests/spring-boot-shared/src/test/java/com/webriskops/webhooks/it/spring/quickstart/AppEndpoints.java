package com.webriskops.webhooks.it.spring.quickstart;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.spring.IdempotentEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Application code beside the quickstart: a webhook handler that reads the verified bytes through the
 * application's own JSON converter, and the scanner postback as an idempotent API endpoint.
 */
@RestController
public class AppEndpoints {
    /** What the raw handler saw: the body's idempotency_key as the application's converter read it. */
    public static final List<String> RAW_SEEN = new CopyOnWriteArrayList<>();
    /** How often the scanner postback ran. */
    public static final AtomicInteger SCANNER_RUNS = new AtomicInteger();

    @PostMapping("/webhooks/raw")
    ResponseEntity<Void> raw(@RequestBody Map<String, Object> body, VerifiedDelivery<?> delivery) {
        RAW_SEEN.add(body.get("idempotency_key") + " " + delivery.idempotencyKey());
        return ResponseEntity.ok().build();
    }

    @IdempotentEndpoint
    @PostMapping("/api/scanner/results")
    ResponseEntity<Map<String, Object>> scannerResults(@RequestBody Map<String, Object> results) {
        int run = SCANNER_RUNS.incrementAndGet();
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("run", run, "scan", results.get("scan")));
    }
}
