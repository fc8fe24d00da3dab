package com.webriskops.webhooks.jaxrs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.sender.internal.InMemoryCredentialStore;
import com.webriskops.webhooks.sender.internal.InMemoryDeliveryStore;
import com.webriskops.webhooks.sender.internal.InMemoryTargetStore;
import org.junit.jupiter.api.Test;

class TicketExportApiFeatureBuilderTest {
    private static TicketExportApiFeature.Builder complete() {
        return TicketExportApiFeature.builder()
                .targetStore(new InMemoryTargetStore())
                .credentials(new InMemoryCredentialStore())
                .preparedExports(exportId -> null)
                .deliveryStore(new InMemoryDeliveryStore())
                .authoriser(call -> ApiAuthorisation.unauthorized("no"));
    }

    @Test
    void buildsWithTheRequiredParts() {
        assertThat(complete().build()).isNotNull();
    }

    @Test
    void refusesEachMissingRequiredPart() {
        assertThatThrownBy(() -> TicketExportApiFeature.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("targetStore");
        assertThatThrownBy(() -> TicketExportApiFeature.builder()
                        .targetStore(new InMemoryTargetStore())
                        .credentials(new InMemoryCredentialStore())
                        .preparedExports(exportId -> null)
                        .deliveryStore(new InMemoryDeliveryStore())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("authoriser");
    }

    @Test
    void refusesNullParts() {
        assertThatThrownBy(() -> complete().clock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> complete().onEnqueue(null)).isInstanceOf(NullPointerException.class);
    }
}
