package com.webriskops.webhooks.dashboard.internal;

import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sign-in sessions, in this JVM's memory: a random 256-bit id (the cookie's value)
 * mapped to who signed in and the session's CSRF token. Sessions end after an idle timeout, on sign
 * out, and are never written anywhere. Bounded: when full, expired sessions are dropped first, then a
 * new sign-in is refused. Thread-safe.
 */
public final class Sessions {
    /** Longest session id accepted from a cookie. */
    public static final int MAX_ID_LENGTH = 64;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idleTimeout;
    private final int maxSessions;

    public Sessions(Clock clock, Duration idleTimeout, int maxSessions) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.maxSessions = maxSessions;
    }

    /** A signed-in session. Its CSRF token never changes during the session. */
    public static final class Session {
        private final String id;
        private final String owner;
        private final String name;
        private final boolean mayAct;
        private final String csrfToken;
        private final boolean viaRequest;
        private volatile Instant expiresAt;

        Session(
                String id,
                String owner,
                String name,
                boolean mayAct,
                boolean viaRequest,
                String csrfToken,
                Instant expiresAt) {
            this.id = id;
            this.viaRequest = viaRequest;
            this.owner = owner;
            this.name = name;
            this.mayAct = mayAct;
            this.csrfToken = csrfToken;
            this.expiresAt = expiresAt;
        }

        public String id() {
            return id;
        }

        public String owner() {
            return owner;
        }

        public String name() {
            return name;
        }

        public boolean mayAct() {
            return mayAct;
        }

        public String csrfToken() {
            return csrfToken;
        }

        /** True when the application's own authentication opened it (it then lasts only while that holds). */
        public boolean viaRequest() {
            return viaRequest;
        }

        /** True when {@code presented} is this session's CSRF token (constant time). */
        public boolean csrfMatches(@Nullable String presented) {
            return presented != null
                    && MessageDigest.isEqual(
                            csrfToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session[" + name + ", owner=" + owner + "]";
        }
    }

    /**
     * Opens a session for a signed-in caller.
     *
     * @return null when the store is full of live sessions
     */
    @Nullable
    public Session open(String owner, String name, boolean mayAct, boolean viaRequest) {
        Instant now = clock.instant();
        if (sessions.size() >= maxSessions) {
            sessions.values().removeIf(s -> !s.expiresAt.isAfter(now));
            if (sessions.size() >= maxSessions) {
                return null;
            }
        }
        Session session = new Session(newSecret(), owner, name, mayAct, viaRequest, newSecret(), now.plus(idleTimeout));
        sessions.put(session.id, session);
        return session;
    }

    /** The live session with this id, its idle timeout renewed; null when unknown or expired. */
    @Nullable
    public Session find(@Nullable String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return null;
        }
        Session session = sessions.get(id);
        if (session == null) {
            return null;
        }
        Instant now = clock.instant();
        if (!session.expiresAt.isAfter(now)) {
            sessions.remove(id, session);
            return null;
        }
        session.expiresAt = now.plus(idleTimeout);
        return session;
    }

    /** Ends the session. */
    public void close(Session session) {
        sessions.remove(session.id, session);
    }

    /** Live and expired sessions held right now. */
    public int size() {
        return sessions.size();
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Sessions[" + sessions.size() + "]";
    }
}
