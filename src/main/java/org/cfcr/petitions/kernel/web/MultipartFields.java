package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The text fields of a multipart/form-data body (a form with a file input), for a filter:
 * Micronaut's {@code FilterBodyParser} reads only url-encoded forms and JSON. Like it, this reads a
 * split of the body (no larger than micronaut.server.max-request-size, which the server enforces
 * before any filter) and leaves the body itself to the controller. Netty's decoder parses it, in
 * memory, with a limit on the number of fields. Files are skipped. A body it cannot decode fails
 * the future: the caller refuses it.
 */
@Singleton
class MultipartFields {

    private static final int MAX_FIELDS = 64;
    private static final int MAX_BUFFERED_BYTES = 1 << 20;

    static boolean isMultipart(HttpRequest<?> request) {
        return request.getContentType().map(type -> type.getName().equals(MediaType.MULTIPART_FORM_DATA))
                .orElse(false);
    }

    CompletableFuture<Map<String, Object>> parse(HttpRequest<?> request) {
        Optional<String> contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE, String.class);
        if (!(request instanceof ServerHttpRequest<?> server) || contentType.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        try (CloseableByteBody body = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return body.buffer().thenApply(bytes -> decode(contentType.get(), bytes.toByteArray()));
        }
    }

    static Map<String, Object> decode(String contentType, byte[] body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaders.CONTENT_TYPE, contentType);
        HttpPostMultipartRequestDecoder decoder = null;
        try {
            decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), request,
                    StandardCharsets.UTF_8, MAX_FIELDS, MAX_BUFFERED_BYTES);
            Map<String, Object> fields = new HashMap<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof Attribute attribute) {
                    fields.putIfAbsent(attribute.getName(), attribute.getValue());
                }
            }
            return fields;
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable multipart field", e);
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            request.release();
        }
    }
}
