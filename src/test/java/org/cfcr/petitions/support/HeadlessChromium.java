package org.cfcr.petitions.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's chromium driven through Debian's chromedriver (Selenium), headless, for the tests that
 * need a real browser. Selenium is given both paths, so it never looks for (or downloads) a driver.
 * Where they are not installed the test is skipped, except in CI (CI=true), which installs them.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static ChromeDriver start(int width, int height) {
        return start(width, height, true);
    }

    /** A browser with JavaScript switched off, as some careful visitors and some old phones have it. */
    public static ChromeDriver startWithoutJavaScript(int width, int height) {
        return start(width, height, false);
    }

    private static ChromeDriver start(int width, int height, boolean javaScript) {
        Path browser = executable("CHROMIUM", "/usr/bin/chromium", "chromium");
        Path driver = executable("CHROMEDRIVER", "/usr/bin/chromedriver", "chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height);
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        emulate(chrome, width, height);
        return chrome;
    }

    /**
     * Lays pages out at this size in the current tab (each new tab needs it again): headless Chromium
     * keeps a window at least about 500 px wide, so a phone's viewport is emulated, as its developer
     * tools do.
     */
    public static void emulate(ChromeDriver chrome, int width, int height) {
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private static Path executable(String variable, String path, String debianPackage) {
        for (String candidate : new String[] {System.getenv(variable), path}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError(path + " is needed for this test in CI: apt-get install " + debianPackage);
        }
        Assumptions.abort(path + " is not installed (apt-get install " + debianPackage + "); CI runs this test");
        return new File(path).toPath();
    }
}
