package com.webriskops.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExport.TicketSource;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * served by embedded Jetty over loopback, on the JDBI stores on H2, with a real dispatcher delivering to
 * a real loopback receiver. Skipped when the browser is not installed, except under {@code CI=true},
 * where that fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String ALICE_TOKEN = "alice-token-0123456789";
    static final String BOB_TOKEN = "bob-token-0123456789abc";
    static final String READER_TOKEN = "reader-token-0123456789";
    static final String EVIL_TITLE = "<script>alert('title')</script><img src=x onerror=\"alert('img')\"> Login XSS";
    static final String EVIL_URL = "javascript:alert('url')";
    static final Duration WAIT = Duration.ofSeconds(20);

    private JdbcConnectionPool pool;
    private JdbiStores stores;
    private LoopbackReceiver receiver;
    private Dispatcher dispatcher;
    private Server jetty;
    private WebDriver driver;
    private String base;
    private long retrying;
    private long blocked;
    private long evil;
    private long bobs;
    private long unsafeTarget;

    @BeforeAll
    void start() throws Exception {
        requireBrowser();
        pool = JdbcConnectionPool.create("jdbc:h2:mem:dashboard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        JdbiStores.migrate(pool);
        stores = JdbiStores.create(pool);
        CredentialStore credentials = CredentialStore.inMemory();
        receiver = new LoopbackReceiver();
        TargetStore targets = stores.targetStore();
        DeliveryStore outbox = stores.deliveryStore();
        Instant now = Instant.now();

        // Enqueued as the API does: the stored target with its credential, so deliveries record "signed".
        ExportTarget loopback = signed(targets.create("alice", loopbackTarget("Alice's tracker", receiver.url()), now)
                .target());
        credentials.setSigningSecrets(loopback.id(), List.of(TestDeliveries.SECRET));
        ExportTarget unsafe = signed(targets.create(
                        "alice",
                        ExportTarget.builder()
                                .name("Unsafe <i>target</i>")
                                .baseUrl("http://127.0.0.1:9/hook")
                                .signingSecrets(TestDeliveries.SECRET)
                                .build(),
                        now)
                .target());
        unsafeTarget = unsafe.id();
        credentials.setSigningSecrets(unsafe.id(), List.of(TestDeliveries.SECRET));
        ExportTarget bobsTarget = targets.create("bob", loopbackTarget("Bob's tracker", receiver.url()), now)
                .target();
        credentials.setSigningSecrets(bobsTarget.id(), List.of(TestDeliveries.SECRET));

        dispatcher = Dispatcher.builder()
                .store(outbox)
                .sender(WebhookSender.builder().build())
                .targets(targets.lookup(credentials))
                .retryPolicy(RetryPolicy.builder()
                        .initialBackoff(Duration.ofHours(1))
                        .maxBackoff(Duration.ofHours(2))
                        .build())
                .pollInterval(Duration.ofMillis(100))
                .build();
        retrying = outbox.enqueue("alice", loopback, TestDeliveries.exampleExport("dash-retry-1"), now)
                .id();
        blocked = outbox.enqueue("alice", unsafe, TestDeliveries.exampleExport("dash-blocked-1"), now)
                .id();
        evil = outbox.enqueue("alice", loopback, evilExport("dash-evil-1"), now).id();
        bobs = outbox.enqueue("bob", bobsTarget, TestDeliveries.exampleExport("dash-bob-1"), now)
                .id();
        dispatcher.start();
        awaitStatus(outbox, retrying, DeliveryStatus.RETRY_SCHEDULED);
        awaitStatus(outbox, blocked, DeliveryStatus.BLOCKED);
        awaitStatus(outbox, evil, DeliveryStatus.RETRY_SCHEDULED);
        awaitStatus(outbox, bobs, DeliveryStatus.RETRY_SCHEDULED);
        receiver.down = false;

        DashboardServlet dashboard = DashboardServlet.builder()
                .deliveryStore(outbox)
                .targetStore(targets)
                .credentials(credentials)
                .audit(DashboardAudit.jdbc(pool))
                .authenticator(token -> switch (token) {
                    case ALICE_TOKEN -> new DashboardUser("alice", "alice", true);
                    case BOB_TOKEN -> new DashboardUser("bob", "bob", true);
                    case READER_TOKEN -> new DashboardUser("alice", "auditor", false);
                    default -> null;
                })
                .onChange(dispatcher::wakeUp)
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(dashboard), "/dashboard/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/dashboard";

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100", "--lang=en");
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloadsDir().toString(), "download.prompt_for_download", false));
        driver = new ChromeDriver(service, options);
    }

    private Path downloadsDir;

    private Path downloadsDir() throws IOException {
        if (downloadsDir == null) {
            downloadsDir = Files.createTempDirectory("dashboard-downloads");
        }
        return downloadsDir;
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (jetty != null) {
            jetty.stop();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (pool != null) {
            pool.dispose();
        }
    }

    @BeforeEach
    void signedInAsAlice() {
        driver.get(base + "/");
        if (!driver.getCurrentUrl().endsWith("/sign-in")
                && driver.findElement(By.id("who")).getText().contains("alice (owner alice)")) {
            return;
        }
        if (!driver.getCurrentUrl().endsWith("/sign-in")) {
            driver.findElement(By.cssSelector(".sign-out button")).click();
        }
        signIn(ALICE_TOKEN);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    @Test
    void signsInWithATokenFormIntoAnHttpOnlySameSiteSessionAndNeverPutsTheTokenInAUrl() throws IOException {
        driver.findElement(By.cssSelector(".sign-out button")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlToBe(base + "/sign-in"));
        driver.get(base + "/targets");
        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/sign-in");

        signIn("not-a-token-of-anyone");
        assertThat(new WebDriverWait(driver, WAIT)
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")))
                        .getText())
                .contains("not recognised");

        signIn(ALICE_TOKEN);
        WebElement who =
                new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("who")));
        assertThat(who.getText()).contains("Signed in as alice");
        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/").doesNotContain("token");
        Cookie session = driver.manage().getCookieNamed(DashboardServlet.SESSION_COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain(ALICE_TOKEN);
        // Only alice's deliveries are listed and counted.
        List<String> ids = driver.findElements(By.cssSelector("table.deliveries tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(ids)
                .contains(String.valueOf(retrying), String.valueOf(blocked), String.valueOf(evil))
                .doesNotContain(String.valueOf(bobs));
        screenshot("outbox");
    }

    @Test
    void retryNowMovesAScheduledRetryToExportedAgainstTheLoopbackReceiver() throws IOException {
        driver.get(base + "/deliveries/" + retrying);
        assertThat(driver.findElement(By.id("delivery-status")).getText()).isEqualTo("retry_scheduled");
        assertThat(driver.findElement(By.id("signing-status")).getText()).isEqualTo("signed");
        assertThat(driver.findElement(By.cssSelector("table.attempts tbody")).getText())
                .contains("503")
                .contains("<b>maintenance</b>");
        screenshot("delivery");
        driver.findElement(By.id("action-retry")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Retry now?");
        // Confirmed from the keyboard: every action is a plain link and a form button.
        driver.findElement(By.id("confirm")).sendKeys(Keys.ENTER);
        assertThat(new WebDriverWait(driver, WAIT)
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")))
                        .getText())
                .contains("due now");

        new WebDriverWait(driver, WAIT).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("delivery-status")).getText().equals("exported");
        });
        assertThat(receiver.accepted).contains("dash-retry-1");
        assertThat(driver.findElement(By.id("history")).getText()).contains("alice: retry_now (done)");
        assertThat(driver.findElements(By.id("action-retry"))).isEmpty();
    }

    @Test
    void showsABlockedTargetsReasonOnItsDeliveryAndOnTheTargetsPage() throws IOException {
        driver.get(base + "/deliveries/" + blocked);
        assertThat(driver.findElement(By.id("delivery-status")).getText()).isEqualTo("blocked");
        assertThat(driver.findElement(By.id("reason")).getText()).contains("generic_webhook_url_unsafe");

        driver.get(base + "/targets");
        WebElement row = driver.findElement(By.id("target-" + unsafeTarget));
        assertThat(row.findElement(By.cssSelector(".safety")).getText())
                .contains("blocked")
                .contains("generic_webhook_url_unsafe");
        assertThat(row.findElement(By.cssSelector(".blocked-reason")).getText())
                .contains(String.valueOf(blocked))
                .contains("generic_webhook_url_unsafe");
        assertThat(row.getText()).contains("Unsafe <i>target</i>");
        assertThat(row.findElement(By.cssSelector(".signing")).getText()).isEqualTo("signed");
        screenshot("targets");
    }

    @Test
    void downloadsTheFallbackAsCsvAndRecordsIt() throws IOException {
        driver.get(base + "/deliveries/" + blocked);
        new Select(driver.findElement(By.id("format"))).selectByValue("csv");
        driver.findElement(By.id("download")).click();
        Path file = downloadsDir().resolve("delivery-" + blocked + ".csv");
        new FluentWait<>(file)
                .withTimeout(WAIT)
                .pollingEvery(Duration.ofMillis(100))
                .until(f -> Files.exists(f));
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("idempotency_key,").contains("dash-blocked-1");
        assertThat(csv).doesNotContain(TestDeliveries.SECRET_TEXT);

        driver.get(base + "/deliveries/" + blocked);
        assertThat(driver.findElement(By.id("history")).getText()).contains("alice: download_csv (done)");
    }

    @Test
    void aMaliciousTicketTitleAndUrlRenderAsInertText() throws IOException {
        driver.get(base + "/deliveries/" + evil);
        assertNoAlert();
        assertThat(driver.findElement(By.id("ticket-title")).getText()).isEqualTo(EVIL_TITLE);
        assertThat(driver.findElement(By.id("affected-url")).getText()).isEqualTo(EVIL_URL);
        assertThat(driver.findElement(By.id("affected-url")).getTagName()).isEqualTo("code");
        assertThat(driver.findElements(By.cssSelector("script, img, iframe, a[href^='javascript']")))
                .isEmpty();
        assertThat(driver.getTitle()).isEqualTo("Delivery " + evil + " · Webhook dashboard");

        driver.get(base + "/");
        assertNoAlert();
        assertThat(driver.findElement(By.cssSelector("table.deliveries")).getText())
                .contains(EVIL_TITLE);
        assertThat(driver.findElements(By.cssSelector("script, img"))).isEmpty();
    }

    @Test
    void anotherOwnersDeliveryIsNotReachableByUrl() throws Exception {
        driver.get(base + "/deliveries/" + bobs);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(driver.getPageSource()).doesNotContain("dash-bob-1");

        assertThat(get("/deliveries/" + bobs).statusCode()).isEqualTo(404);
        assertThat(get("/deliveries/999999").statusCode()).isEqualTo(404);
        assertThat(post("/deliveries/" + bobs + "/retry", "csrf=" + csrf()).statusCode())
                .isEqualTo(404);
        assertThat(stores.deliveryStore().find(bobs).status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
    }

    @Test
    void anActionWithoutItsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> noToken = post("/deliveries/" + evil + "/cancel", "");
        HttpResponse<String> wrongToken = post("/deliveries/" + evil + "/cancel", "csrf=forged");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(stores.deliveryStore().find(evil).status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);

        HttpResponse<String> withToken = post("/deliveries/" + evil + "/cancel", "csrf=" + csrf());
        assertThat(withToken.statusCode()).isEqualTo(303);
        assertThat(stores.deliveryStore().find(evil).status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/targets");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .contains(DashboardServlet.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).doesNotContain(TestDeliveries.SECRET_TEXT).doesNotContain(ALICE_TOKEN);
    }

    @Test
    void pagesAreSemanticLabelledAndLoadNoScript() {
        for (String path : List.of(
                "/", "/targets", "/deliveries/" + blocked, "/deliveries/" + blocked + "/reapprove", "/sign-in")) {
            driver.get(base + path);
            assertThat(driver.findElements(By.tagName("script"))).as(path).isEmpty();
            assertThat(driver.findElements(By.tagName("h1"))).as(path).hasSize(1);
            assertThat(driver.findElements(By.tagName("main"))).as(path).hasSize(1);
            for (WebElement control : driver.findElements(By.cssSelector("input:not([type=hidden]), select"))) {
                String id = control.getAttribute("id");
                assertThat(id)
                        .as(path + " control " + control.getAttribute("name"))
                        .isNotBlank();
                assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']")))
                        .as(path + " label for " + id)
                        .hasSize(1);
            }
        }
        driver.get(base + "/");
        assertThat(driver.findElements(By.cssSelector("table.deliveries th[scope=col]")))
                .isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("svg#chart-depth")).getAttribute("role"))
                .isEqualTo("img");
    }

    @Test
    void aReadOnlySignInSeesButCannotAct() throws Exception {
        driver.findElement(By.cssSelector(".sign-out button")).click();
        signIn(READER_TOKEN);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("who")));
        assertThat(driver.findElement(By.id("who")).getText()).contains("read only");
        HttpResponse<String> refused = post("/targets/" + unsafeTarget + "/disable", "csrf=" + csrf());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(stores.targetStore().find(unsafeTarget).active()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void signIn(String token) {
        driver.get(base + "/sign-in");
        if (driver.findElements(By.id("token")).isEmpty()) {
            return;
        }
        screenshotQuietly("sign-in");
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
    }

    private String csrf() {
        driver.get(base + "/");
        return driver.findElement(By.name("csrf")).getAttribute("value");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        Cookie session = driver.manage().getCookieNamed(DashboardServlet.SESSION_COOKIE);
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return client.send(
                request.header("Cookie", session.getName() + "=" + session.getValue())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertNoAlert() {
        Assertions.assertThrows(
                NoAlertPresentException.class, () -> driver.switchTo().alert());
    }

    /** Writes a screenshot under {@code -Ddashboard.screenshots=DIR} when set (docs/images). */
    private void screenshot(String name) throws IOException {
        String dir = System.getProperty("dashboard.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of(dir));
        Files.copy(png.toPath(), Path.of(dir, "dashboard-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void screenshotQuietly(String name) {
        try {
            screenshot(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitStatus(DeliveryStore store, long id, DeliveryStatus status) {
        Supplier<DeliveryStatus> current = () -> store.find(id).status();
        new FluentWait<>(store)
                .withTimeout(WAIT)
                .pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> "delivery " + id + " is " + current.get() + ", not " + status)
                .until(s -> s.find(id).status() == status);
    }

    private static ExportTarget signed(ExportTarget stored) {
        return stored.toBuilder().signingSecrets(TestDeliveries.SECRET).build();
    }

    private static ExportTarget loopbackTarget(String name, String url) {
        return ExportTarget.builder()
                .name(name)
                .baseUrl(url)
                .deploymentMode(DeploymentMode.SELF_HOSTED)
                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("127.0.0.1/32")
                .signingSecrets(TestDeliveries.SECRET)
                .build();
    }

    static ExportRequest evilExport(String key) {
        ExportRequest example = TestDeliveries.exampleExport(key);
        TicketExport t = example.ticketExport();
        TicketSource s = t.source();
        TicketSource source = new TicketSource(
                s.type(),
                s.recordId(),
                EVIL_TITLE,
                s.severity(),
                s.category(),
                s.status(),
                s.reportId(),
                s.issueId(),
                s.fixTaskId(),
                s.fingerprint(),
                EVIL_URL,
                s.relatedIssueIds());
        TicketExport ticket = new TicketExport(
                t.contractVersion(),
                source,
                EVIL_TITLE,
                t.summary(),
                t.businessImpact(),
                t.reproductionSteps(),
                t.evidenceLinks(),
                t.remediationSnippet(),
                t.acceptanceCriteria(),
                t.labels(),
                t.priority(),
                t.assignee(),
                t.externalTicketRefs(),
                t.exportStatus());
        return new ExportRequest(key, example.accountId(), example.projectId(), ticket, example.renderedBody());
    }

    /** Fails under CI=true when the browser is missing; elsewhere skips with the reason. */
    static void requireBrowser() {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (present) {
            return;
        }
        String reason = CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install -y chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but the browser is missing: " + reason);
        }
        Assumptions.abort("no browser: " + reason);
    }
}
