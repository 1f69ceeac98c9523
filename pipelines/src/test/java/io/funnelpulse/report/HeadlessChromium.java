package io.funnelpulse.report;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * For tests: the OS's Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless,
 * driven with Selenium. Without it a test is skipped with the reason and the install command, unless
 * {@value #REQUIRE_PROPERTY} is {@code true} (as in CI), where a missing browser fails.
 */
final class HeadlessChromium implements AutoCloseable {
  /** The system property that turns a missing browser from a skip into a failure. */
  static final String REQUIRE_PROPERTY = "funnelpulse.requireBrowser";
  static final String INSTALL = "apt-get install -y chromium chromium-driver";

  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  private static Path browser() {
    return Path.of(System.getProperty("funnelpulse.chromium", "/usr/bin/chromium"));
  }

  private static Path driverBinary() {
    return Path.of(System.getProperty("funnelpulse.chromedriver", "/usr/bin/chromedriver"));
  }

  /** Skips the calling test (or fails it, with {@value #REQUIRE_PROPERTY}) when there is no Chromium. */
  static void assumePresent() {
    Path browser = browser();
    Path driverBinary = driverBinary();
    if (!Files.isExecutable(browser) || !Files.isExecutable(driverBinary)) {
      String reason = "No Chromium at " + browser + " with its driver at " + driverBinary + ": the browser tests need "
          + "them (Debian: " + INSTALL + ")";
      if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
        Assertions.fail(reason + "; -D" + REQUIRE_PROPERTY + "=true makes that a failure");
      }
      Assumptions.abort(reason);
    }
  }

  /** Starts the browser with an empty profile in {@code profile}, or skips (or fails) the test without one. */
  static HeadlessChromium start(Path profile) {
    assumePresent();
    Path browser = browser();
    Path driverBinary = driverBinary();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    // Flags for a machine without a display or network: no GPU, no sandbox (root), no background traffic.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,900");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driverBinary.toFile()).usingAnyFreePort().build();
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  /** Opens {@code page} and waits until its script says it is drawn ({@code window.funnelpulseReady}). */
  void open(Path page) {
    driver.get(page.toUri().toString());
    long deadline = System.currentTimeMillis() + 30_000;
    while (!Boolean.TRUE.equals(driver.executeScript("return window.funnelpulseReady === true;"))) {
      if (System.currentTimeMillis() > deadline) {
        Assertions.fail("The report's script did not finish drawing within 30 s; console: " + consoleErrors());
      }
      Thread.onSpinWait();
    }
  }

  /** The result of {@code script} (a function body with {@code return}) in the page. */
  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** The console messages of level SEVERE (errors, failed loads) since the page was opened. */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
  }

  /** A screenshot of the whole page (the window grown to its height) saved at {@code file}. */
  Path screenshot(Path file) throws Exception {
    long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
    driver.manage().window().setSize(new Dimension(1366, (int) Math.min(height + 40, 16_000)));
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.createDirectories(file.getParent());
    return Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
