package com.webriskops.webhooks.it.spring.sender;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.testing.Deliveries;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that exports through the embedded sender; its targets' signing secrets come from its
 * own credential provider (as from a secret store), the same in every instance.
 */
@SpringBootApplication
public class SenderApplication {
    @Bean
    CredentialProvider credentials() {
        return targetId -> List.of(Deliveries.SECRET);
    }

    @RestController
    static class Inbound {
        @PostMapping("/webhooks/inbound")
        ResponseEntity<Void> receive(VerifiedDelivery<?> delivery) {
            return ResponseEntity.noContent().build();
        }
    }
}
