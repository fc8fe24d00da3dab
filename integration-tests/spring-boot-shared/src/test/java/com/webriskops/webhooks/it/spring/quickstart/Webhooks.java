package com.webriskops.webhooks.it.spring.quickstart;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The README's Spring Boot quickstart, word for word: the whole application code of a receiver. */
@RestController
class Webhooks {
    @PostMapping("/webhooks/webriskops")
    ResponseEntity<Void> receive(@RequestBody TicketExportWebhook webhook, VerifiedDelivery<?> delivery) {
        // runs only for verified, valid, first-time deliveries
        return ResponseEntity.noContent().build();
    }
}
