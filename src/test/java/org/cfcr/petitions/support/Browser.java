package org.cfcr.petitions.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A person's browser for the tests: keeps cookies, does not follow redirects (tests look at them),
 * and speaks plain HTTP to the running service.
 */
public final class Browser {

    private final String base;
    private final CookieManager cookies;
    private final HttpClient client;
    private String acceptLanguage;
    private String forwardedFor;

    public Browser(String base) {
        this(base, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    private Browser(String base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The same browser (its cookies) on another node of the service, as a load balancer may send it. */
    public Browser atNode(String otherBase) {
        return new Browser(otherBase, cookies);
    }

    public Browser acceptLanguage(String header) {
        this.acceptLanguage = header;
        return this;
    }

    /**
     * Requests as if from this client address: the tests' service trusts X-Forwarded-For from
     * loopback, as it would from its reverse proxy.
     */
    public Browser from(String clientAddress) {
        this.forwardedFor = clientAddress;
        return this;
    }

    public record Page(int status, String body, HttpResponse<String> response) {
        public Document html() {
            return Jsoup.parse(body);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String location() {
            return header("Location");
        }

        public String csrfToken() {
            var field = html().selectFirst("input[name=csrfToken]");
            if (field == null) {
                throw new AssertionError("No CSRF token on the page: " + body);
            }
            return field.attr("value");
        }
    }

    /** This browser's CSRF token, as every page with a form that needs one carries it (here the sign-in page's). */
    public String csrfToken() {
        return get("/admin/login").csrfToken();
    }

    public Page get(String path) {
        return send(request(path).GET());
    }

    /**
     * Opens the page (following its redirects, as a person would land somewhere) and sends the
     * form to the action with the CSRF token of the page it landed on.
     */
    public Page postFormFrom(String pagePath, String action, Map<String, String> fields) {
        Page page = get(pagePath);
        for (int hops = 0; page.status() / 100 == 3 && hops < 3; hops++) {
            page = get(URI.create(page.location()).getPath());
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrfToken", page.csrfToken());
        return postForm(action, form);
    }

    /** A form sent from one of our pages, saying so as every current browser does ({@code Sec-Fetch-Site}). */
    public Page postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, Map.of("Sec-Fetch-Site", "same-origin"));
    }

    /** A form sent with headers of the sender's choosing, as another site's page makes a browser send it. */
    public Page postForm(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(builder::header);
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The value of a cookie this browser holds for the service, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().get(URI.create(base)).stream().filter(cookie -> cookie.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Puts a cookie in this browser's jar, as a site that can plant cookies would. */
    public Browser withCookie(String name, String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().get(URI.create(base)).stream().filter(held -> held.getName().equals(name))
                .forEach(held -> cookies.getCookieStore().remove(URI.create(base), held));
        cookies.getCookieStore().add(URI.create(base), cookie);
        return this;
    }

    public Page post(String path, String contentType, String body) {
        return post(path, contentType, body, Map.of());
    }

    public Page post(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType);
        headers.forEach(builder::header);
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A file for {@link #postMultipart}: its name, type and bytes. */
    public record FilePart(String field, String filename, String contentType, byte[] bytes) {
    }

    /** A form with a file input, as browsers send it: multipart/form-data, the fields in order, then the files. */
    public Page postMultipart(String path, Map<String, String> fields, FilePart... files) {
        String boundary = "----petitionsTest" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        for (FilePart file : files) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                    + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
            body.writeBytes(file.bytes());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return postBytes(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static void write(java.io.ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public Page postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A request with one extra header, as a hostile client would send it. */
    /** A GET that takes gzip, as browsers do; the page holds the body as the browser would read it. */
    public Page getGzipped(String path) {
        return send(request(path).header("Accept-Encoding", "gzip").GET(), info -> HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofByteArray(), bytes -> new String(
                        info.headers().firstValue("Content-Encoding").orElse("").equals("gzip") ? gunzip(bytes) : bytes,
                        StandardCharsets.UTF_8)));
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("not gzip: " + e.getMessage(), e);
        }
    }

    public Page getWithHeader(String path, String name, String value) {
        return send(request(path).header(name, value).GET());
    }

    public Page postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /** The sign form of a campaign page, filled in as given; the form token comes from the page. */
    public Page sign(String slug, Map<String, String> fields) {
        Page page = get("/campaigns/" + slug);
        Map<String, String> form = new LinkedHashMap<>();
        var formToken = page.html().selectFirst("input[name=formToken]");
        if (formToken != null) {
            form.put("formToken", formToken.attr("value"));
        }
        form.putAll(fields);
        return postForm("/campaigns/" + slug + "/signatures", form);
    }

    /** Opens a confirmation link and presses its button, leaving the details as the page shows them. */
    public Page confirm(String link) {
        return confirm(link, Map.of());
    }

    /** Opens a confirmation link, changes the given fields of its form, and presses the button. */
    public Page confirm(String link, Map<String, String> changes) {
        String path = URI.create(link).getPath();
        return submit(get(path), "form[method=post]", changes);
    }

    /** Sends a form of the page as a browser would: every field as the page fills it, then the changes. */
    public Page submit(Page page, String formSelector, Map<String, String> changes) {
        var form = page.html().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on the page: " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (var input : form.select("input[name], select[name], textarea[name]")) {
            String type = input.attr("type");
            if ((type.equals("radio") || type.equals("checkbox")) && !input.hasAttr("checked")) {
                continue;
            }
            if (input.tagName().equals("select")) {
                var selected = input.selectFirst("option[selected]");
                fields.put(input.attr("name"), selected == null ? "" : selected.attr("value"));
            } else if (input.tagName().equals("textarea")) {
                fields.put(input.attr("name"), input.text());
            } else {
                fields.put(input.attr("name"), input.attr("value"));
            }
        }
        fields.putAll(changes);
        String action = form.attr("action").isEmpty() ? URI.create(page.response().uri().toString()).getPath()
                : form.attr("action");
        return postForm(action, fields);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (acceptLanguage != null) {
            builder.header("Accept-Language", acceptLanguage);
        }
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder;
    }

    private Page send(HttpRequest.Builder builder) {
        return send(builder, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Page send(HttpRequest.Builder builder, HttpResponse.BodyHandler<String> bodies) {
        try {
            HttpResponse<String> response = client.send(builder.build(), bodies);
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
