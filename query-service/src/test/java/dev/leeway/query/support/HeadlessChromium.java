package dev.leeway.query.support;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.fail;

/**
 * The machine's Chromium, headless, driven through its own chromedriver: both named explicitly, so that Selenium
 * Manager never looks for (or downloads) a browser or driver. A missing browser fails the test: it never skips.
 */
public final class HeadlessChromium {

    /** Overridable with -Dleeway.chromium=... and -Dleeway.chromedriver=... where they live elsewhere. */
    private static final Path BROWSER = Path.of(System.getProperty("leeway.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("leeway.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A fresh browser (its own profile directory) that records the pages' console messages. */
    public static ChromeDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            fail("The browser tests need Chromium at " + BROWSER + " and chromedriver at " + DRIVER + ". Install "
                    + "them with: apt-get install -y chromium chromium-driver (Debian/Ubuntu; .ci/run does this).");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1360,900", "--user-data-dir=" + profileDirectory());
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    private static String profileDirectory() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "chromium-profile-").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
