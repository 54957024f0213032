package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip for answers compressed once and sent many times (static files, shared pages, public API
 * bodies), so the server's own compressor, which works per response, leaves them alone.
 */
public final class Gzip {

    private Gzip() {
    }

    /** Whether an {@code Accept-Encoding} header lists gzip with a weight above zero. */
    public static boolean accepted(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || weight(parts[1]) > 0;
            }
        }
        return false;
    }

    /**
     * The body for this request: gzipped, with its {@code Content-Encoding}, when there is a gzipped
     * form and the client takes gzip, else plain; {@code Vary: Accept-Encoding} whenever there are
     * two forms, so caches keep both.
     */
    public static void send(HttpRequest<?> request, MutableHttpResponse<?> response, Supplier<byte[]> plain,
                            @Nullable Supplier<byte[]> gzipped) {
        if (gzipped == null) {
            response.body(plain.get());
            return;
        }
        vary(response);
        if (accepted(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING))) {
            response.body(gzipped.get()).header(HttpHeaders.CONTENT_ENCODING, "gzip");
        } else {
            response.body(plain.get());
        }
    }

    /** Says that the answer depends on {@code Accept-Encoding} (also on a 304, as the 200 would). */
    public static void vary(MutableHttpResponse<?> response) {
        String vary = response.getHeaders().get(HttpHeaders.VARY);
        if (vary == null || vary.isBlank()) {
            response.getHeaders().set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        } else if (!vary.contains(HttpHeaders.ACCEPT_ENCODING)) {
            response.getHeaders().set(HttpHeaders.VARY, vary + ", " + HttpHeaders.ACCEPT_ENCODING);
        }
    }

    private static double weight(String parameter) {
        String[] nameAndValue = parameter.replace(" ", "").split("=", 2);
        if (nameAndValue.length != 2 || !nameAndValue[0].equalsIgnoreCase("q")) {
            return 1;
        }
        try {
            return Double.parseDouble(nameAndValue[1]);
        } catch (NumberFormatException notAWeight) {
            return 1;
        }
    }

    /** Compressed as well as gzip can: it is done once. */
    public static byte[] compress(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 32);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
