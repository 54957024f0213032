package org.cfcr.petitions.journeys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crowd holds the live count streams open: one network may hold only its share, others still
 * get theirs, a stream ends after its longest life, and a closed stream gives its place back.
 */
@MicronautTest(transactional = false)
class CrowdHoldsLiveStreams extends ServiceTest {

    private static final int PER_NETWORK = 3;
    private static final Duration LIFE = Duration.ofSeconds(3);

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("petitions.live.streams-per-network", String.valueOf(PER_NETWORK),
                "petitions.live.max-stream-life", LIFE.toMillis() + "ms");
    }

    @Test
    void one_network_holds_only_its_share_while_another_still_gets_a_stream_and_a_closed_stream_frees_its_place()
            throws Exception {
        Campaign campaign = openCampaign();
        Stream[] held = new Stream[PER_NETWORK];
        for (int i = 0; i < PER_NETWORK; i++) {
            held[i] = open(campaign, "198.51.100." + (10 + i));
            assertEquals(200, held[i].status);
        }
        Stream refused = open(campaign, "198.51.100.99");
        assertEquals(429, refused.status);
        assertTrue(refused.headers.contains("retry-after: 60"), refused.headers);
        refused.close();
        Stream other = open(campaign, "203.0.113.40");
        assertEquals(200, other.status, "another network still gets a stream");
        other.close();
        held[0].close();
        eventually(Duration.ofSeconds(5), () -> {
            Stream again = open(campaign, "198.51.100.98");
            again.close();
            return again.status == 200;
        }, "the closed stream's place given back");
        for (int i = 1; i < PER_NETWORK; i++) {
            held[i].close();
        }
    }

    @Test
    void a_stream_ends_after_its_longest_life_telling_the_browser_when_to_reconnect() throws Exception {
        Campaign campaign = openCampaign();
        long started = System.nanoTime();
        try (Stream stream = open(campaign, "192.0.2.77")) {
            assertEquals(200, stream.status);
            StringBuilder body = new StringBuilder();
            String line;
            while ((line = stream.reader.readLine()) != null) {
                body.append(line).append('\n');
            }
            Duration lived = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(lived.compareTo(LIFE.minusMillis(500)) >= 0 && lived.compareTo(LIFE.plusSeconds(5)) < 0,
                    "lived " + lived);
            assertTrue(body.toString().contains("retry: 5000"), body.toString());
            assertTrue(body.toString().contains("event: count"), body.toString());
        }
        Stream next = open(campaign, "192.0.2.77");
        assertEquals(200, next.status, "the ended stream's place is free again");
        next.close();
    }

    /** A raw connection, so that the test decides when it closes. */
    private Stream open(Campaign campaign, String clientAddress) {
        try {
            Socket socket = new Socket("127.0.0.1", server.getPort());
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/campaigns/" + campaign.slug() + "/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nX-Forwarded-For: " + clientAddress + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int status = Integer.parseInt(reader.readLine().split(" ")[1]);
            StringBuilder headers = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                headers.append(line.toLowerCase(java.util.Locale.ROOT)).append('\n');
            }
            return new Stream(socket, reader, status, headers.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Stream implements AutoCloseable {
        final Socket socket;
        final BufferedReader reader;
        final int status;
        final String headers;

        Stream(Socket socket, BufferedReader reader, int status, String headers) {
            this.socket = socket;
            this.reader = reader;
            this.status = status;
            this.headers = headers;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
