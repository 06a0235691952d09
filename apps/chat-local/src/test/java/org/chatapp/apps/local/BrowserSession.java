package org.chatapp.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One user's browser for {@link BrowserIT}: the system's headless Chromium driven through its
 * chromedriver (both from Debian, never downloaded), with a profile of its own that is deleted on
 * close. Its methods do what a user does on the chat page and wait, with Awaitility, for what the
 * user would wait to see.
 */
final class BrowserSession implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a user waits for the page to show something: live events arrive within a second. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final String name;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private BrowserSession(String name, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.name = name;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts a headless Chromium with a fresh profile.
     *
     * @throws IOException when the profile directory cannot be made
     */
    static BrowserSession start(String name) throws IOException {
        Path profile = Files.createTempDirectory("browser-it-" + name + "-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Nothing but the page under test: no sandbox (tests run as root), no GPU, and no traffic of
        // the browser's own (updates, sync, QUIC probes) on a machine that reaches no such service.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1200,800", "--user-data-dir=" + profile);
        // The driver named explicitly: Selenium then never looks for one to download.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        try {
            return new BrowserSession(name, profile, service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile(profile);
            throw e;
        }
    }

    /** Opens the chat page on a fresh start: nobody signed in. */
    void open(String base) {
        driver.get(base + "/");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        await(name + "'s page loaded").atMost(PATIENCE).until(() -> driver.findElement(By.id("register-form")).isDisplayed());
    }

    /** Registers through the page's form (which then logs in) and waits until the chat shows the user's name. */
    void register(String username, String displayName, String password) {
        WebElement form = driver.findElement(By.id("register-form"));
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("displayName")).sendKeys(displayName);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        awaitSignedIn(username);
    }

    /** Logs in through the page's form and waits until the chat shows the user. */
    void logIn(String username, String password) {
        WebElement form = driver.findElement(By.id("login-form"));
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        awaitSignedIn(username);
    }

    private void awaitSignedIn(String username) {
        await(name + " signed in").atMost(PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertThat(text(By.id("me"))).contains("@" + username));
    }

    /** Finds another user with the search box, picks them, and starts a conversation with that title. */
    void startConversation(String withUsername, String title) {
        driver.findElement(By.id("user-search")).sendKeys(withUsername);
        await(name + " finds " + withUsername).atMost(PATIENCE).ignoreExceptions().until(() -> {
            List<WebElement> results = driver.findElements(By.cssSelector("#search-results li"));
            return results.stream().filter(li -> li.getText().contains("@" + withUsername)).findFirst().map(li -> {
                li.click();
                return true;
            }).orElse(false);
        });
        driver.findElement(By.id("new-title")).sendKeys(title);
        driver.findElement(By.cssSelector("#new-conversation button[type=submit]")).click();
        awaitConversationOpen(title);
    }

    /** Clicks the conversation in the list and waits until it is open. */
    void openConversation(String title) {
        await(name + " sees '" + title + "' in the list").atMost(PATIENCE).ignoreExceptions()
                .until(() -> conversationItem(title).isDisplayed());
        conversationItem(title).click();
        awaitConversationOpen(title);
    }

    private void awaitConversationOpen(String title) {
        await(name + " has '" + title + "' open").atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("conversation-title"))).isEqualTo(title);
            assertThat(driver.findElement(By.id("send-form")).isDisplayed()).isTrue();
        });
    }

    /** Types a message into the open conversation and sends it with Enter. */
    void send(String message) {
        driver.findElement(By.id("text")).sendKeys(message, Keys.ENTER);
        awaitMessage(message);
    }

    /** Types into the message box without sending, as someone composing does. */
    void type(String partial) {
        driver.findElement(By.id("text")).sendKeys(partial);
    }

    /** Waits until the open conversation shows a message with exactly this text. */
    void awaitMessage(String message) {
        await(name + " sees the message '" + message + "'").atMost(PATIENCE).ignoreExceptions()
                .until(() -> messageTexts().contains(message));
    }

    /** Returns the texts of the messages shown in the open conversation, oldest first, without their sender line. */
    List<String> messageTexts() {
        Function<WebElement, String> ownText = li -> (String) driver.executeScript(
                "return [...arguments[0].childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('')", li);
        return driver.findElements(By.cssSelector("#messages li")).stream().map(ownText).toList();
    }

    /** Returns the typing line under the messages ("Ada is typing…"), empty when nobody types. */
    String typingLine() {
        return text(By.id("typing"));
    }

    /** Returns the unread badge of a conversation in the list, empty when it has none. */
    String unreadBadge(String title) {
        return conversationItem(title).findElement(By.className("badge")).getText();
    }

    /** Goes back to the conversation list, as the phone layout's back arrow does (the wide layout shows both). */
    void leaveConversation() {
        driver.executeScript("document.getElementById('back').click()");
        await(name + " left the conversation").atMost(PATIENCE).ignoreExceptions()
                .until(() -> driver.findElements(By.cssSelector("#conversations li.active")).isEmpty());
    }

    /** Counts the elements the page built from a message's text: a message with markup must add none. */
    int elementsInMessages(String tag) {
        return driver.findElements(By.cssSelector("#messages " + tag)).size();
    }

    /** Resizes the window, e.g. to a phone's screen. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Reloads the page, as a user pressing F5 does; the session (kept in sessionStorage) survives. */
    void reload() {
        driver.navigate().refresh();
        await(name + "'s page reloaded").atMost(PATIENCE).ignoreExceptions().until(() -> !text(By.id("me")).isEmpty());
    }

    /** Returns the document's title. */
    String title() {
        return driver.getTitle();
    }

    /** Whether the page fits the window's width, so that nothing needs sideways scrolling. */
    boolean fitsTheWidth() {
        return (Boolean) driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    }

    /** Returns the element's rendered height in CSS pixels. */
    int heightOf(By locator) {
        return driver.findElement(locator).getRect().getHeight();
    }

    /** Whether the element is shown (present and displayed). */
    boolean shows(By locator) {
        return driver.findElements(locator).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Saves a screenshot of the page as {@code <directory>/<file>.png}, kept as a build artifact. */
    Path screenshot(Path directory, String file) throws IOException {
        Files.createDirectories(directory);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = directory.resolve(file + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private WebElement conversationItem(String title) {
        return driver.findElements(By.cssSelector("#conversations li")).stream().filter(li -> li.getText().startsWith(title)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no conversation '" + title + "' in the list"));
    }

    private String text(By locator) {
        return driver.findElement(locator).getText();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile(profile);
        }
    }

    @Override
    public String toString() {
        return "BrowserSession[" + name + "]";
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("the browser profile " + profile + " was not deleted: " + e);
        }
    }
}
