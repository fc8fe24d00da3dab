/**
 * Spring Boot auto-configuration of the kit, listed in {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}. Every bean backs
 * off when the application declares its own of the same type (or name, for filter registrations).
 */
package com.webriskops.webhooks.spring.autoconfigure;
