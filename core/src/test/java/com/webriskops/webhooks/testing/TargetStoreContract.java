package com.webriskops.webhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.sender.internal.InMemoryCredentialStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.spi.TargetStore.TargetLookup;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link TargetStore} must have, shared through core's test-jar: the in-memory
 * store runs it in core, the JDBI store on each database. A subclass hands out an empty store before
 * each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TargetStoreContract {
    /** A whole-second "now", so every store keeps it exactly. */
    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private TargetStore store;

    /** An empty store; called before each test. */
    protected abstract TargetStore emptyStore();

    @BeforeEach
    void empty() {
        store = emptyStore();
    }

    private static ExportTarget selfHosted() {
        return ExportTarget.builder()
                .providerKey(ProviderKey.N8N_WEBHOOK)
                .baseUrl("http://10.20.0.5:5678/webhook/webriskops")
                .deploymentMode(DeploymentMode.SELF_HOSTED)
                .name("n8n inside")
                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("10.20.0.0/16", "192.168.1.0/24")
                .signingSecrets(WebhookSecret.of("never-stored-secret"))
                .build();
    }

    @Test
    public void createdTargetReadsBackWithEverySettingButNoSecret() {
        StoredTarget created = store.create(selfHosted(), NOW);

        StoredTarget read = store.find(created.id());
        assertThat(read).isNotNull();
        assertThat(read.id()).isPositive();
        assertThat(read.active()).isTrue();
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(read.updatedAt()).isEqualTo(NOW);
        ExportTarget target = read.target();
        assertThat(target.providerKey()).isEqualTo(ProviderKey.N8N_WEBHOOK);
        assertThat(target.baseUrl()).isEqualTo("http://10.20.0.5:5678/webhook/webriskops");
        assertThat(target.deploymentMode()).isEqualTo(DeploymentMode.SELF_HOSTED);
        assertThat(target.name()).isEqualTo("n8n inside");
        assertThat(target.privateNetworkPolicy()).isEqualTo(PrivateNetworkPolicy.ALLOWLIST);
        assertThat(target.privateNetworkAllowlist())
                .extracting(Object::toString)
                .containsExactly("10.20.0.0/16", "192.168.1.0/24");
        assertThat(target.signingEnabled()).isTrue();
        assertThat(target.signingSecrets()).isEmpty();
    }

    @Test
    public void targetsBelongToTheirOwnerAndAnotherOwnersIdReadsAsUnknown() {
        StoredTarget alice = store.create("alice", selfHosted(), NOW);
        StoredTarget bob = store.create("bob", selfHosted(), NOW);
        StoredTarget legacy = store.create(selfHosted(), NOW);

        assertThat(alice.owner()).isEqualTo("alice");
        assertThat(store.find(alice.id()).owner()).isEqualTo("alice");
        assertThat(legacy.owner()).isEqualTo(TargetStore.DEFAULT_OWNER);
        assertThat(store.find("alice", alice.id()).id()).isEqualTo(alice.id());
        assertThat(store.find("bob", alice.id())).isNull();
        assertThat(store.list("alice", 0, 10)).extracting(StoredTarget::id).containsExactly(alice.id());
        assertThat(store.list("bob", 0, 10)).extracting(StoredTarget::id).containsExactly(bob.id());
        assertThat(store.list("carol", 0, 10)).isEmpty();
        assertThat(store.list(0, 10)).hasSize(3);

        assertThat(store.disable("bob", alice.id(), NOW.plusSeconds(5))).isFalse();
        assertThat(store.delete("bob", alice.id())).isFalse();
        assertThat(store.find(alice.id()).active()).isTrue();

        assertThat(store.disable("alice", alice.id(), NOW.plusSeconds(5))).isTrue();
        assertThat(store.find("alice", alice.id()).active()).isFalse();
        assertThat(store.delete("alice", alice.id())).isTrue();
        assertThat(store.find(alice.id())).isNull();
        assertThat(store.find("bob", bob.id()).owner()).isEqualTo("bob");
        assertThatThrownBy(() -> store.create(" ", selfHosted(), NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Owners are compared byte for byte: on MariaDB/MySQL a PAD SPACE collation made "alice " alice. */
    @Test
    public void anOwnerWithATrailingSpaceIsAnotherOwner() {
        StoredTarget alice = store.create("alice", selfHosted(), NOW);

        assertThat(store.find("alice ", alice.id())).isNull();
        assertThat(store.list("alice ", 0, 10)).isEmpty();
        assertThat(store.disable("alice ", alice.id(), NOW.plusSeconds(5))).isFalse();
        assertThat(store.find("alice", alice.id()).active()).isTrue();
    }

    @Test
    public void everyAcceptedAllowlistSpellingRoundTrips() {
        String[] spellings = {
            "10.0.0.0/8", "192.168.1.10", "FD00::/8", "fd00:0:0:0:0:0:0:1", "::1", "2001:db8::/32", "[fd00::1]"
        };
        StoredTarget created = store.create(
                "alice",
                selfHosted().toBuilder().privateNetworkAllowlist(spellings).build(),
                NOW);

        List<Cidr> expected = Arrays.stream(spellings).map(Cidr::parse).toList();
        assertThat(store.find(created.id()).target().privateNetworkAllowlist()).containsExactlyElementsOf(expected);
        assertThat(store.list("alice", 0, 10).get(0).target().privateNetworkAllowlist())
                .containsExactlyElementsOf(expected);
    }

    @Test
    public void aCreateWhoseSecondWriteFailsLeavesNoTarget() {
        RuntimeException failure = new IllegalStateException("credential store down");
        List<Long> seen = new java.util.ArrayList<>();

        assertThatThrownBy(() -> store.create("alice", selfHosted(), NOW, stored -> {
                    seen.add(stored.id());
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(seen).hasSize(1);
        assertThat(store.find(seen.get(0))).isNull();
        assertThat(store.list("alice", 0, TargetStore.MAX_LIST_LIMIT)).isEmpty();
        assertThat(store.list(0, TargetStore.MAX_LIST_LIMIT)).isEmpty();
        StoredTarget kept = store.create("alice", selfHosted(), NOW, stored -> {});
        assertThat(store.list("alice", 0, TargetStore.MAX_LIST_LIMIT))
                .extracting(StoredTarget::id)
                .containsExactly(kept.id());
    }

    @Test
    public void unknownIdIsNull() {
        assertThat(store.find(987_654)).isNull();
        assertThat(store.disable(987_654, NOW)).isFalse();
        assertThat(store.delete(987_654)).isFalse();
    }

    @Test
    public void listsPagesInIdOrder() {
        long first = store.create(selfHosted(), NOW).id();
        long second = store.create(selfHosted(), NOW).id();
        long third = store.create(selfHosted(), NOW).id();

        assertThat(store.list(0, 2)).extracting(StoredTarget::id).containsExactly(first, second);
        assertThat(store.list(second, 2)).extracting(StoredTarget::id).containsExactly(third);
        assertThatThrownBy(() -> store.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(0, TargetStore.MAX_LIST_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void disabledTargetStaysReadableButLooksUpAsNull() {
        long id = store.create(selfHosted(), NOW).id();
        InMemoryCredentialStore credentials = new InMemoryCredentialStore();
        WebhookSecret secret = WebhookSecret.of("lookup-secret");
        credentials.setSigningSecrets(id, List.of(secret));
        TargetLookup lookup = store.lookup(credentials);
        assertThat(lookup.find(id).signingSecrets()).containsExactly(secret);

        assertThat(store.disable(id, NOW.plusSeconds(5))).isTrue();
        assertThat(store.disable(id, NOW.plusSeconds(9))).isTrue();

        StoredTarget read = store.find(id);
        assertThat(read.active()).isFalse();
        assertThat(read.disabledAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(lookup.find(id)).isNull();
    }

    @Test
    public void deletedTargetIsGone() {
        long id = store.create(selfHosted(), NOW).id();

        assertThat(store.delete(id)).isTrue();

        assertThat(store.find(id)).isNull();
        assertThat(store.lookup(targetId -> List.of()).find(id)).isNull();
        assertThat(store.delete(id)).isFalse();
    }
}
