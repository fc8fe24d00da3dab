package com.webriskops.webhooks.it.spring.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real HTTP as one browser makes it: its own cookie jar (Spring Security's session, the dashboard's
 * session), form posts, and redirects seen one by one so a test can assert where it is sent.
 */
final class Browser {
    private static final Pattern SPRING_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern DASHBOARD_CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String origin;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    Browser(int port) {
        this.origin = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .build();
    }

    /** Signs in on Spring Security's login form, as a user types it; the answer to the form's POST. */
    HttpResponse<String> logIn(String username, String password) {
        HttpResponse<String> form = get("/login");
        if (form.statusCode() != 200) {
            throw new AssertionError("GET /login answered " + form.statusCode());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        fields.put("_csrf", find(SPRING_CSRF, form.body(), "Spring Security's CSRF token"));
        return post("/login", fields);
    }

    /** Spring Security's logout, confirmed on its own page. */
    HttpResponse<String> logOut() {
        HttpResponse<String> form = get("/logout");
        return post("/logout", Map.of("_csrf", find(SPRING_CSRF, form.body(), "Spring Security's CSRF token")));
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** GET, then each redirect the way a browser follows it; the last answer. */
    HttpResponse<String> open(String pathOrUrl) {
        HttpResponse<String> response = get(pathOrUrl);
        for (int hops = 0; hops < 5 && isRedirect(response); hops++) {
            response = get(response.headers().firstValue("Location").orElseThrow());
        }
        return response;
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** The dashboard's CSRF token in a page it served. */
    static String dashboardCsrf(String page) {
        return find(DASHBOARD_CSRF, page, "the dashboard's CSRF token");
    }

    static boolean isRedirect(HttpResponse<?> response) {
        int status = response.statusCode();
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl);
    }

    private static String find(Pattern pattern, String page, String what) {
        Matcher m = pattern.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no " + what + " in the page: " + page);
        }
        return m.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
