package com.webriskops.webhooks.it.spring.quickstart;

// tag::spring[]
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

// end::spring[]
/** The README's Spring Boot quickstart, word for word: the whole application code of a receiver. */
// tag::spring[]
@RestController
class Webhooks {
    @PostMapping("/webhooks/webriskops")
    ResponseEntity<Void> receive(@RequestBody TicketExportWebhook webhook, VerifiedDelivery<?> delivery) {
        // runs only for verified, valid, first-time deliveries
        return ResponseEntity.noContent().build();
    }
}
// end::spring[]
