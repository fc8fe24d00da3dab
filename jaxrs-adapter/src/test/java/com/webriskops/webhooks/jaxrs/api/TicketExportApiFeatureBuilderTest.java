package com.webriskops.webhooks.jaxrs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import org.junit.jupiter.api.Test;

class TicketExportApiFeatureBuilderTest {
    private static TicketExportApiFeature.Builder complete() {
        return TicketExportApiFeature.builder()
                .targetStore(TargetStore.inMemory())
                .credentials(CredentialStore.inMemory())
                .preparedExports((owner, exportId) -> null)
                .deliveryStore(DeliveryStore.inMemory())
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
                        .targetStore(TargetStore.inMemory())
                        .credentials(CredentialStore.inMemory())
                        .preparedExports((owner, exportId) -> null)
                        .deliveryStore(DeliveryStore.inMemory())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("authoriser");
    }

    @Test
    void privateNetworksMustBeCanonicalCidrs() {
        assertThat(complete()
                        .allowPrivateNetworks("10.20.0.0/16", "fd12:3456::/32")
                        .build())
                .isNotNull();
        assertThatThrownBy(() -> complete().allowPrivateNetworks("10.20.0.1/16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host bits");
        assertThatThrownBy(() -> complete().allowPrivateNetworks("intranet"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNullParts() {
        assertThatThrownBy(() -> complete().clock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> complete().onEnqueue(null)).isInstanceOf(NullPointerException.class);
    }
}
