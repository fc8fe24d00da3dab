package com.webriskops.webhooks.jaxrs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenAuthoriserTest {
    private static final String TOKEN = "token-0123456789abcdef";
    private static final String READER = "reader-0123456789abcdef";

    private final BearerTokenAuthoriser authoriser = BearerTokenAuthoriser.builder()
            .token(TOKEN, "automation")
            .readOnlyToken(READER, "dashboard")
            .build();

    private ApiAuthorisation.Outcome outcome(String method, String authorization) {
        return authoriser.authorise(new ApiCall(method, "p", authorization)).outcome();
    }

    @Test
    void allowsAKnownTokenAsItsPrincipal() {
        ApiAuthorisation verdict =
                authoriser.authorise(new ApiCall("POST", "api/ticket-exports/x/approve", "Bearer " + TOKEN));

        assertThat(verdict.outcome()).isEqualTo(ApiAuthorisation.Outcome.ALLOWED);
        assertThat(verdict.principal()).isEqualTo("automation");
    }

    @Test
    void acceptsTheSchemeInAnyCase() {
        assertThat(outcome("GET", "bearer " + TOKEN)).isEqualTo(ApiAuthorisation.Outcome.ALLOWED);
    }

    @Test
    void refusesMissingMalformedAndUnknownTokensAsUnauthorized() {
        for (String header :
                new String[] {null, "", "Bearer", "Bearer ", "Basic " + TOKEN, "Bearer " + TOKEN + "x", TOKEN}) {
            ApiAuthorisation verdict = authoriser.authorise(new ApiCall("GET", "p", header));
            assertThat(verdict.outcome()).as(String.valueOf(header)).isEqualTo(ApiAuthorisation.Outcome.UNAUTHORIZED);
            assertThat(verdict.detail()).doesNotContain(TOKEN);
        }
    }

    @Test
    void readOnlyTokenMayReadButNotWrite() {
        assertThat(outcome("get", "Bearer " + READER)).isEqualTo(ApiAuthorisation.Outcome.ALLOWED);
        assertThat(outcome("POST", "Bearer " + READER)).isEqualTo(ApiAuthorisation.Outcome.FORBIDDEN);
    }

    @Test
    void neverPrintsAToken() {
        assertThat(authoriser.toString()).doesNotContain(TOKEN).doesNotContain(READER);
        assertThat(new ApiCall("GET", "p", "Bearer " + TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    void builderRefusesShortOrBlankTokensAndNoTokens() {
        assertThatThrownBy(() -> BearerTokenAuthoriser.builder().token("short", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> BearerTokenAuthoriser.builder().token("with space 0123456789", "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerTokenAuthoriser.builder().token(TOKEN, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerTokenAuthoriser.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
