package org.cfcr.petitions.abuse;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a campaign's signatures came from, hour by hour over the last day: the busiest single
 * addresses (known only by their hash and network), networks and email domains. A fake wave
 * stands out here, and each row links to the invalidation form filled in to match it.
 */
@Singleton
public class BusiestSources {

    static final int ROWS = 15;
    static final Duration WINDOW = Duration.ofHours(24);

    /** An hour of the tables, with the times the invalidation form takes. */
    public interface Hourly {
        Instant hour();

        default String from() {
            return InvalidationCriteria.format(hour());
        }

        default String to() {
            return InvalidationCriteria.format(hour().plus(Duration.ofHours(1)));
        }
    }

    public record Address(Instant hour, String network, String host, long signatures) implements Hourly {
        /** A short label for one address whose full form is not kept. */
        public String hostLabel() {
            return "#" + host.substring(0, 8);
        }
    }

    public record Network(Instant hour, String network, long addresses, long signatures) implements Hourly {
    }

    public record Domain(Instant hour, String domain, long signatures) implements Hourly {
    }

    public record Report(List<Address> addresses, List<Network> networks, List<Domain> domains) {
    }

    private final Sql sql;
    private final Clock clock;

    public BusiestSources(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Report lastDay(long campaignId) {
        Instant since = Instant.now(clock).truncatedTo(ChronoUnit.HOURS).minus(WINDOW).plus(Duration.ofHours(1));
        // hours are counted in a derived table so that grouping needs no repeated parameter
        String hourly = "SELECT TIMESTAMPDIFF(HOUR, ?, created_at) AS h, client_prefix, client_hash, "
                + "LOWER(SUBSTRING(email, LOCATE('@', email) + 1)) AS domain FROM signature "
                + "WHERE campaign_id = ? AND created_at >= ? AND status <> 'WITHDRAWN'";
        List<Address> addresses = sql.list("SELECT h, client_prefix, client_hash, COUNT(*) AS n FROM (" + hourly
                        + ") t WHERE client_hash IS NOT NULL GROUP BY h, client_prefix, client_hash ORDER BY n DESC LIMIT " + ROWS,
                row -> new Address(since.plus(Duration.ofHours(row.getLong("h"))),
                        ClientAddress.networkLabel(row.getBytes("client_prefix")),
                        HexFormat.of().formatHex(row.getBytes("client_hash")), row.getLong("n")),
                since, campaignId, since);
        List<Network> networks = sql.list("SELECT h, client_prefix, COUNT(DISTINCT client_hash) AS hosts, COUNT(*) AS n "
                        + "FROM (" + hourly + ") t WHERE client_prefix IS NOT NULL GROUP BY h, client_prefix "
                        + "ORDER BY n DESC LIMIT " + ROWS,
                row -> new Network(since.plus(Duration.ofHours(row.getLong("h"))),
                        ClientAddress.networkLabel(row.getBytes("client_prefix")), row.getLong("hosts"), row.getLong("n")),
                since, campaignId, since);
        List<Domain> domains = sql.list("SELECT h, domain, COUNT(*) AS n FROM (" + hourly + ") t "
                        + "WHERE domain <> '' GROUP BY h, domain ORDER BY n DESC LIMIT " + ROWS,
                row -> new Domain(since.plus(Duration.ofHours(row.getLong("h"))), row.getString("domain"), row.getLong("n")),
                since, campaignId, since);
        return new Report(addresses, networks, domains);
    }
}
