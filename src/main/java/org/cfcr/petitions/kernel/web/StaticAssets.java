package org.cfcr.petitions.kernel.web;

import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stylesheets and scripts the pages load (classpath {@code public/}), read and gzipped once at
 * start, each also under a name that changes with its content ({@code site.3f2a9c01d4.css}), so
 * that browsers and shared caches may keep it for a year: a page names the file it was rendered
 * with, and a new release names new files. The plain names keep working for pages and embeds
 * already out there, with a short lifetime.
 */
@Singleton
public class StaticAssets {

    /** The files served; a page that names another fails to render, so none is forgotten here. */
    static final List<String> FILES = List.of("site.css", "embed.css", "live.js", "challenge.js", "passkeys.js", "share.js");
    private static final int FINGERPRINT_HEX = 10;

    /** One file: its bytes, gzipped, and its validator. */
    public record Asset(String name, String fingerprintedName, MediaType type, byte[] plain, byte[] gzipped, String etag) {
    }

    /** An asset as asked for: under its fingerprinted name it never changes. */
    public record Requested(Asset asset, boolean immutable) {
    }

    private final Map<String, Asset> byName = new HashMap<>();
    private final Map<String, Requested> byRequestedName = new HashMap<>();

    public StaticAssets() {
        for (String name : FILES) {
            byte[] plain = read("public/" + name);
            String fingerprint = HexFormat.of().formatHex(sha256(plain)).substring(0, FINGERPRINT_HEX);
            int dot = name.lastIndexOf('.');
            String fingerprinted = name.substring(0, dot) + "." + fingerprint + name.substring(dot);
            Asset asset = new Asset(name, fingerprinted, type(name), plain, Gzip.compress(plain), "\"" + fingerprint + "\"");
            byName.put(name, asset);
            byRequestedName.put(name, new Requested(asset, false));
            byRequestedName.put(fingerprinted, new Requested(asset, true));
        }
    }

    /** The address a page gives for this file, e.g. {@code /static/site.3f2a9c01d4.css}. */
    public String url(String name) {
        Asset asset = byName.get(name);
        if (asset == null) {
            throw new IllegalArgumentException("no static file " + name + " (StaticAssets.FILES)");
        }
        return "/static/" + asset.fingerprintedName();
    }

    /** The file for a requested name under /static/, plain or fingerprinted. */
    public Optional<Requested> find(String requestedName) {
        return Optional.ofNullable(byRequestedName.get(requestedName));
    }

    private static MediaType type(String name) {
        if (name.endsWith(".css")) {
            return MediaType.of("text/css;charset=utf-8");
        }
        if (name.endsWith(".js")) {
            return MediaType.of("text/javascript;charset=utf-8");
        }
        throw new IllegalArgumentException("no media type for " + name);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
