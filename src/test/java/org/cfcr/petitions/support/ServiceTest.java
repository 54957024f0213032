package org.cfcr.petitions.support;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignRepository;
import org.cfcr.petitions.campaign.CampaignState;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Base of the tests that run the whole service over HTTP, on the real database and SMTP server.
 * Each test makes its own campaigns and addresses, so tests never depend on each other's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/confirm/[A-Za-z0-9_-]+");
    private static final Pattern WITHDRAW_LINK = Pattern.compile("https?://\\S+/withdraw/[A-Za-z0-9_-]+");

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected CampaignRepository campaigns;

    @Inject
    protected DataSource dataSource;

    @Inject
    protected io.micronaut.json.JsonMapper json;

    @Inject
    protected org.cfcr.petitions.signature.SignatureStore signatureStore;

    @Inject
    protected io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    /** A signature of the campaign in the state the test needs, made through the store. */
    protected SignatureBuilder signatures(Campaign campaign) {
        return new SignatureBuilder(signatureStore, transactions, campaign);
    }

    /** The service's clock; a test that moves it puts it back (see {@link #resetClock}). */
    @Inject
    protected TestClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Health and metrics: a port of their own, as in production (endpoints.all.port). */
    private final int managementPort = freePort();

    @Override
    public Map<String, String> getProperties() {
        TestMailServer.start();
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("micronaut.server.port", Integer.toString(freePort()));
        properties.put("endpoints.all.port", Integer.toString(managementPort));
        properties.put("smtp.host", "127.0.0.1");
        properties.put("smtp.port", Integer.toString(TestMailServer.port()));
        properties.put("petitions.seed-demo-campaigns", "false");
        properties.put("petitions.mail.poll-interval", "100ms");
        properties.put("petitions.mail.retry-base", "300ms");
        properties.put("petitions.mail.retry-max", "1s");
        properties.put("petitions.mail.lease", "5s");
        // tests load the processors and wait for their emails: the patience has a test of its own
        properties.put("petitions.mail.patience", "0s");
        properties.put("petitions.site.public-base-url", "http://petitions.test");
        // one set of keys for every service a test run starts: they all share the database
        properties.put("petitions.personal-data.keyset-file", "target/test-keys/personal-data.json");
        properties.put("petitions.personal-data.index-key-file", "target/test-keys/index.key");
        properties.put("petitions.deadline-check-interval", "1s");
        properties.put("petitions.updates.poll-interval", "200ms");
        // the hostile-input test signs in and changes passwords hundreds of times: a cheap hash
        properties.put("petitions.passwords.memory-kib", "64");
        properties.put("petitions.passwords.passes", "1");
        // as behind a reverse proxy on loopback: tests choose their client address with
        // X-Forwarded-For (Browser.from); requests without one come from loopback, which no rule holds
        properties.put("petitions.proxy.client-address-header", "X-Forwarded-For");
        properties.put("petitions.proxy.trusted", "127.0.0.1/32,::1/128");
        properties.put("petitions.abuse.allow-addresses", "127.0.0.1,::1");
        // a domain on the block list, for the lead who releases what the checks held back
        properties.put("petitions.abuse.block-domains", "held.example");
        // Micronaut refuses cross-origin requests to a server on localhost (a guard against drive-by
        // attacks on developer machines); the test server listens on 127.0.0.1, a real one does not
        properties.put("micronaut.server.cors.localhost-pass-through", "true");
        properties.putAll(extraProperties());
        return properties;
    }

    /** The settings of a second node beside this test's service: the same, with a management port of its own. */
    protected Map<String, Object> anotherNodesProperties() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("endpoints.all.port", Integer.toString(freePort()));
        return properties;
    }

    /** Settings a test class needs beyond the shared ones. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    protected Browser browser() {
        return new Browser("http://127.0.0.1:" + server.getPort());
    }

    /** What the orchestrator's probes and Prometheus see: the management port. */
    protected Browser management() {
        return new Browser("http://127.0.0.1:" + managementPort);
    }

    /** Ports handed out in this run, so that no two servers are given the same one. */
    private static final Set<Integer> HANDED_OUT_PORTS = ConcurrentHashMap.newKeySet();
    private static final int EPHEMERAL_PORTS_START = ephemeralPortsStart();

    /**
     * A port no one listens on now, for a server a test starts, taken below the kernel's range of
     * ephemeral ports: the test run's own outgoing connections (JDBC, SMTP, HTTP clients) take
     * theirs from that range, and one of them could take a port from it between this pick and the
     * server's bind (a BindException now and then, as Micronaut's random port -1 gave).
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(Math.max(1024, EPHEMERAL_PORTS_START - 10_000),
                    EPHEMERAL_PORTS_START);
            if (HANDED_OUT_PORTS.add(port) && isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port below " + EPHEMERAL_PORTS_START);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * The first of Linux's ephemeral ports; 32768, its default, where the kernel does not say. Read
     * line by line: /proc gives its files a size of 0 bytes, and Files.readString reads a few only.
     */
    private static int ephemeralPortsStart() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32768;
        }
    }

    public static String uniqueEmail(String who) {
        return who + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** An open campaign of its own for one test. */
    protected Campaign openCampaign() {
        return campaign(CampaignState.OPEN, null, null);
    }

    /**
     * Not discreet: the journeys that read a campaign's emails find its name in them
     * ({@code SupporterSignsDiscreetly} makes discreet campaigns of its own).
     */
    protected Campaign campaign(CampaignState state, Instant deadline, Instant closedAt) {
        String slug = "test-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        return campaigns.save(new Campaign(null, slug, state, 1000, deadline, closedAt,
                "Release the prisoners", "释放囚犯", "A summary", "摘要", "First paragraph.\n\nSecond paragraph.",
                "第一段。\n\n第二段。", "The People's {0} Government", "政府", false, now, now));
    }

    /**
     * One of the coalition's own campaigns (the first demo campaign's texts, at its full length), open
     * for two months and not discreet, so that its emails name it: for tests that look at real pages.
     */
    protected Campaign coalitionCampaign() {
        return coalitionCampaign(-1);
    }

    /** The same with a goal of the test's (a goal of a few signatures shows the bar move), or the demo's when -1. */
    protected Campaign coalitionCampaign(int goal) {
        Map<String, Object> demo;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("seed/demo-campaigns.json")) {
            demo = json.readValue(in, io.micronaut.core.type.Argument.listOf(
                    io.micronaut.core.type.Argument.mapOf(String.class, Object.class))).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant now = Instant.now();
        return campaigns.save(new Campaign(null, "assets-" + UUID.randomUUID().toString().substring(0, 8),
                CampaignState.OPEN, goal > 0 ? goal : (Integer) demo.get("goal"), now.plus(Duration.ofDays(60)), null,
                (String) demo.get("titleEn"), (String) demo.get("titleZh"), (String) demo.get("summaryEn"),
                (String) demo.get("summaryZh"), (String) demo.get("bodyEn"), (String) demo.get("bodyZh"),
                (String) demo.get("targetEn"), (String) demo.get("targetZh"), false, now, now));
    }

    protected static Map<String, String> signer(String name, String email) {
        Map<String, String> form = new HashMap<>();
        form.put("name", name);
        form.put("email", email);
        form.put("country", "CN");
        form.put("city", "Shanghai");
        form.put("publicDisplay", "FULL_NAME");
        return form;
    }

    protected static String confirmLink(TestMailServer.Mail mail) {
        Matcher matcher = CONFIRM_LINK.matcher(mail.text());
        if (!matcher.find()) {
            throw new AssertionError("No confirmation link in: " + mail.text());
        }
        return matcher.group();
    }

    /** Signs through the JSON API as the browser's client. */
    protected static Browser.Page signJson(Browser browser, Campaign campaign, String email) {
        return browser.postJson("/api/v1/campaigns/" + campaign.slug() + "/signatures",
                "{\"name\":\"Test Signer\",\"email\":\"" + email + "\",\"country\":\"HK\",\"publicDisplay\":\"INITIALS\"}");
    }

    /** The link that removes the signature, which a confirmation email carries in both its parts. */
    protected static String withdrawLink(TestMailServer.Mail mail) {
        Matcher matcher = WITHDRAW_LINK.matcher(mail.text());
        if (!matcher.find() || !mail.html().contains("/withdraw/")) {
            throw new AssertionError("No remove link in both parts of: " + mail.text());
        }
        return matcher.group();
    }

    /** Signs through the form as the browser, and returns the link its confirmation email carries. */
    protected String signAndAwaitLink(Browser browser, Campaign campaign, String name, String email) {
        browser.sign(campaign.slug(), signer(name, email));
        return confirmLink(TestMailServer.awaitMessage(email));
    }

    /** Confirms as the inbox's owner (or a catch-all script) would; returns the page that follows. */
    protected String confirmAs(String email) {
        Browser inbox = browser();
        Browser.Page page = inbox.confirm(confirmLink(TestMailServer.awaitMessage(email)));
        if (page.status() == 303) {
            page = inbox.get(page.location());
        }
        return page.body();
    }

    /** The campaign's public count, as folded into its total. */
    protected long countOf(Campaign campaign) {
        return queryLong("SELECT COALESCE(SUM(confirmed), 0) FROM campaign_count WHERE campaign_id = ?", campaign.id());
    }

    /** Waits for the count to reach the number, and checks that it stays there. */
    protected void awaitCount(Campaign campaign, long expected) {
        eventually(Duration.ofSeconds(10), () -> countOf(campaign) == expected, "the count reaches " + expected);
        TestMailServer.sleep(500);
        if (countOf(campaign) != expected) {
            throw new AssertionError("The count moved on from " + expected + " to " + countOf(campaign));
        }
    }

    /**
     * Waits until every email queued for the campaign's signers was sent or given up, so a test can
     * say that an email was not sent without sleeping for a guessed while.
     */
    protected void awaitMailSettled(Campaign campaign) {
        eventually(Duration.ofSeconds(15), () -> queryLong("SELECT COUNT(*) FROM outbox_email WHERE status = 'PENDING' "
                + "AND signature_id IN (SELECT id FROM signature WHERE campaign_id = ?)", campaign.id()) == 0,
                "every email for the campaign's signers is sent");
    }

    protected static void eventually(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            TestMailServer.sleep(50);
        }
        throw new AssertionError("Not within " + timeout + ": " + what);
    }

    /** Another session holds the table: every statement of the service on it waits until it is let go. */
    protected Held holding(String table) throws SQLException {
        Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLES " + table + " WRITE");
        }
        return new Held(connection);
    }

    protected record Held(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("UNLOCK TABLES");
            } finally {
                connection.close();
            }
        }
    }

    /**
     * Locks one row in a transaction of the connection's own until it ends: the service's statements
     * that lock or write that row wait, and then see what was committed meanwhile.
     */
    protected static void holdRow(Connection holder, String table, long id) throws SQLException {
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, id);
            lock.executeQuery().close();
        }
    }

    /** A single number from the database, for checks that nothing was stored. */
    protected long queryLong(String sql, Object... args) {
        return queryLongs(sql, args).get(0);
    }

    /** The first column of every row. */
    protected List<Long> queryLongs(String sql, Object... args) {
        return query(sql, rows -> rows.getLong(1), args);
    }

    /** The campaign's signatures as the service reads them: names, addresses and cities opened with its keys. */
    protected List<org.cfcr.petitions.signature.Signature> storedSignatures(Campaign campaign) {
        List<Long> ids = queryLongs("SELECT id FROM signature WHERE campaign_id = ? ORDER BY id", campaign.id());
        return transactions.executeRead(status -> List.copyOf(signatureStore.findAll(ids).values()));
    }

    /** How a person is found in the signature table: the keyed hash of the mailbox behind the address. */
    protected byte[] mailboxKey(String email) {
        return signatureStore.mailboxKey(new org.cfcr.petitions.signature.EmailAddress(email));
    }

    /** A single text from the database (null when the column is), for what a row holds. */
    protected String queryString(String sql, Object... args) {
        List<String> values = query(sql, rows -> rows.getString(1), args);
        if (values.size() != 1) {
            throw new AssertionError("Expected one row, got " + values.size() + ": " + sql);
        }
        return values.get(0);
    }

    private interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> List<T> query(String sql, Column<T> column, Object... args) {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(column.read(rows));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected int execute(String sql, Object... args) {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
