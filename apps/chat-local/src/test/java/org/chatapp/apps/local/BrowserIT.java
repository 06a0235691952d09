package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * The chat page in a real browser: two users, each in a headless Chromium of their own (Debian's
 * {@code chromium} and {@code chromium-driver}), against chat-local. Each test registers new users
 * through the page, so the tests do not depend on each other; screenshots are kept in
 * {@code target/browser-it/} as build artifacts.
 *
 * <p>Without {@code /usr/bin/chromium} the tests are skipped, with the reason, unless
 * {@code -Dchat.it.browser.required=true} (which CI passes) makes that a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserIT {

    private static final boolean REQUIRED = Boolean.getBoolean("chat.it.browser.required");
    private static final Path SCREENSHOTS = Path.of("target", "browser-it");
    private static final String PASSWORD = "secret-pass";

    private static ChatLocal platform;
    private static String base;
    private static BrowserSession ada;
    private static BrowserSession bob;

    private String testName;

    @BeforeAll
    static void startPlatformAndBrowsers() throws IOException {
        requireBrowser();
        platform = ChatLocal.start("--server.port=0");
        base = "http://127.0.0.1:" + platform.port();
        ada = BrowserSession.start("ada");
        bob = BrowserSession.start("bob");
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(BrowserSession.CHROMIUM) && Files.isExecutable(BrowserSession.CHROMEDRIVER);
        if (present) {
            return;
        }
        String missing = "BrowserIT needs " + BrowserSession.CHROMIUM + " and " + BrowserSession.CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
        if (REQUIRED) {
            fail(missing + ", and chat.it.browser.required=true makes their absence a failure");
        }
        System.err.println("SKIPPED: " + missing);
        assumeTrue(false, missing);
    }

    @AfterAll
    static void stopBrowsersAndPlatform() {
        for (AutoCloseable part : new AutoCloseable[] {ada, bob, platform}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("stopping " + part + " failed: " + e);
                }
            }
        }
    }

    @BeforeEach
    void freshPages(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        bob.resize(1200, 800);
        ada.open(base);
        bob.open(base);
    }

    @Test
    void register_throughThePage_showsTheChatSignedIn() throws IOException {
        String username = unique("ada");

        ada.register(username, "Ada Lovelace", PASSWORD);

        assertThat(ada.shows(By.id("chat"))).isTrue();
        assertThat(ada.shows(By.id("auth"))).isFalse();
        assertThat(ada.shows(By.id("logout"))).isTrue();
        ada.screenshot(SCREENSHOTS, testName);
    }

    @Test
    void logIn_registeredUser_showsTheChatSignedIn() {
        String username = unique("bob");
        registerThroughTheApi(username, "Bob");

        bob.logIn(username, PASSWORD);

        assertThat(bob.shows(By.id("chat"))).isTrue();
        assertThat(bob.shows(By.id("auth"))).isFalse();
    }

    @Test
    void message_sentInOneBrowser_appearsLiveInTheOther() throws IOException {
        conversationOfTwo();

        ada.send("How is the engine coming along?");

        bob.awaitMessage("How is the engine coming along?");
        assertThat(bob.messageTexts()).containsExactly("first!", "How is the engine coming along?");
        ada.screenshot(SCREENSHOTS, testName + "-ada");
        bob.screenshot(SCREENSHOTS, testName + "-bob");
    }

    @Test
    void typing_inOneBrowser_showsTheIndicatorInTheOther() throws IOException {
        conversationOfTwo();

        ada.type("I am writ");

        await("Bob sees Ada typing").atMost(BrowserSession.PATIENCE).untilAsserted(() -> assertThat(bob.typingLine()).isEqualTo("Ada is typing\u2026"));
        bob.screenshot(SCREENSHOTS, testName + "-bob");
    }

    @Test
    void unreadCount_messagesToAConversationNotOpen_showOnItsBadge() throws IOException {
        String bobName = signInBoth();
        String title = "Tea " + unique("");
        ada.startConversation(bobName, title);

        ada.send("one");
        ada.send("two");

        await("Bob's badge counts two").atMost(BrowserSession.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertThat(bob.unreadBadge(title)).isEqualTo("2"));
        bob.screenshot(SCREENSHOTS, testName + "-bob");
    }

    @Test
    void unreadCount_conversationOpened_staysClearedAfterAReload() {
        String bobName = signInBoth();
        String title = "Tea " + unique("");
        ada.startConversation(bobName, title);
        ada.send("unread");
        await("Bob's badge counts one").atMost(BrowserSession.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertThat(bob.unreadBadge(title)).isEqualTo("1"));

        bob.openConversation(title);
        bob.awaitMessage("unread");
        await("the badge cleared").atMost(BrowserSession.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertThat(bob.unreadBadge(title)).isEmpty());

        bob.reload();
        await("Bob's list after a reload").atMost(BrowserSession.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertThat(bob.unreadBadge(title)).isEmpty());
    }

    @Test
    void message_withMarkup_showsAsText() {
        conversationOfTwo();
        String markup = "<b>bold</b> <img src=x onerror=\"document.title='pwned'\"> <script>document.title='pwned'</script>";

        ada.send(markup);

        bob.awaitMessage(markup);
        assertThat(bob.elementsInMessages("b")).isZero();
        assertThat(bob.elementsInMessages("img")).isZero();
        assertThat(bob.elementsInMessages("script")).isZero();
        assertThat(bob.title()).isNotEqualTo("pwned");
    }

    @Test
    void page_onAPhoneSizedScreen_showsTheOpenConversationAlone() throws IOException {
        bob.resize(390, 844);

        conversationOfTwo(); // Bob opens it from the list, which fills the phone's screen

        assertThat(bob.shows(By.id("messages"))).isTrue();
        assertThat(bob.shows(By.id("back"))).isTrue();
        assertThat(bob.shows(By.id("sidebar"))).as("the conversation list beside the conversation").isFalse();
        assertThat(bob.fitsTheWidth()).as("nothing wider than the screen").isTrue();
        assertThat(bob.heightOf(By.tagName("header"))).as("the header on one line, its buttons unbroken").isLessThan(60);
        bob.screenshot(SCREENSHOTS, testName + "-bob");
    }

    // --- helpers

    /** Registers Ada and Bob (new users each time) through the page; returns Bob's username. */
    private static String signInBoth() {
        ada.register(unique("ada"), "Ada", PASSWORD);
        String bobName = unique("bob");
        bob.register(bobName, "Bob", PASSWORD);
        return bobName;
    }

    /**
     * Ada starts a conversation with Bob and writes "first!"; Bob sees it appear in his list, opens
     * it and reads the message. Returns its title.
     */
    private static String conversationOfTwo() {
        String bobName = signInBoth();
        String title = "Engines " + unique("");
        ada.startConversation(bobName, title);
        ada.send("first!");
        bob.openConversation(title);
        bob.awaitMessage("first!");
        return title;
    }

    private static String unique(String stem) {
        return stem + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void registerThroughTheApi(String username, String displayName) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/auth/register")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + displayName + "\"}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        } catch (IOException e) {
            throw new AssertionError("register failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
