package com.webriskops.webhooks.it.spring.security;

import com.webriskops.webhooks.sender.spi.CredentialStore;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * An application that exports through the embedded sender and shows its outbox on the operator
 * dashboard, everything behind Spring Security's form login with two users. It declares no {@code
 * DashboardAuthenticator}: the starter makes the signed-in principal the dashboard user, owning what
 * carries its name.
 */
@SpringBootApplication
public class SecuredDashboardApplication {
    static final String ALICE_PASSWORD = "alice-password-0123456789";
    static final String BOB_PASSWORD = "bob-password-0123456789";

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                // The dashboard's forms carry the dashboard's own CSRF token (one per dashboard session,
                // checked on every action), not Spring Security's: Spring Security's check is lifted on the
                // dashboard's path only, and stays on for the rest of the application.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher("/webhooks-dashboard/**")))
                .build();
    }

    @Bean
    UserDetailsService users() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                User.withUsername("alice")
                        .password(encoder.encode(ALICE_PASSWORD))
                        .roles("OPERATOR")
                        .build(),
                User.withUsername("bob")
                        .password(encoder.encode(BOB_PASSWORD))
                        .roles("OPERATOR")
                        .build());
    }

    /** The targets' signing secrets, as from a secret store; the dashboard shows only whether one is set. */
    @Bean
    CredentialStore credentials() {
        return CredentialStore.inMemory();
    }
}
