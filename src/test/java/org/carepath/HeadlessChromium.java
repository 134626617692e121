package org.carepath;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the page tests: Debian's Chromium, headless, driven by Debian's chromedriver. Both paths
 * are given explicitly so Selenium never runs Selenium Manager (which would download a driver), and each
 * browser gets a fresh profile, so no cookie or cache survives from one test to the next.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriver driver;
    private final String base;

    /** @param base the server's root, e.g. {@code http://localhost:8080} */
    public HeadlessChromium(String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("carepath-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
        driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public HeadlessChromium open(String path) {
        driver.get(base + path);
        return this;
    }

    /** The current path (and query), without the server's root. */
    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /**
     * Logs in through the form at /login, which the browser must be showing, and waits until the browser has
     * left that page (for where the login sends it, or for /login?error): a click does not wait for the
     * navigation it starts.
     */
    public HeadlessChromium logIn(String user, String password) {
        String form = driver.getCurrentUrl();
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> !form.equals(d.getCurrentUrl()));
        return this;
    }

    /** Waits for an element, as pages rendered by JavaScript take a moment to show it. */
    public WebElement await(By locator) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            var found = d.findElements(locator);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    public String source() {
        return driver.getPageSource();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
