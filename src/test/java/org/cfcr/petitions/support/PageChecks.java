package org.cfcr.petitions.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the browser tests look at on every page: axe-core's WCAG 2.2 AA rules, run in the page as
 * the browser drew it, and a screenshot of the whole page under {@code target/screenshots/} for a
 * person to look at.
 */
public final class PageChecks {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private PageChecks() {
    }

    /** axe-core's violations on the page, each with the elements it found, or an empty text. */
    public static String accessibilityViolations(ChromeDriver chrome) {
        Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(chrome);
        if (results.isErrored()) {
            throw new AssertionError("axe-core did not run on " + chrome.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream().map(PageChecks::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", "));
    }

    /** The whole page, not only the window, as a PNG named after the page, its script and the window's width. */
    @SuppressWarnings("unchecked")
    public static Path screenshot(ChromeDriver chrome, String name) {
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
