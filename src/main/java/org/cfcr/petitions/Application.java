package org.cfcr.petitions;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@io.swagger.v3.oas.annotations.security.SecurityScheme(name = "bearer", type = io.swagger.v3.oas.annotations.enums.SecuritySchemeType.HTTP,
        scheme = "bearer", description = "A personal API token of a campaign lead")
@OpenAPIDefinition(info = @Info(
        title = "Petitions API",
        version = "1",
        description = "Public campaigns, live counts, count history and signing. Texts follow ?lang=en|zh|zh-Hant. "
                + "Reads are cacheable (Cache-Control, ETag) and open to any origin; email addresses never appear.",
        license = @License(name = "Open source")))
public class Application {

    private static final int MAX_CACHED_SOCKET_BUFFER = 64 * 1024;

    public static void main(String[] args) {
        String logFormat = System.getenv("LOG_FORMAT");
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            // logback.xml picks its appender by this name: another would silence every log line
            System.err.println("LOG_FORMAT must be text or json, not \"" + logFormat + "\"");
            System.exit(64);
        }
        ProductionGuard.checkOrExit(System.getenv(), System.getProperties());
        boundTemporaryDirectBuffers();
        Micronaut.build(args).banner(false).mainClass(Application.class).start();
    }

    /**
     * The JDK lends each thread a native buffer for every socket read and write of a byte array (the database
     * driver's, the mail client's) and keeps it for the thread's next one, however large it was: a signing flood
     * and the viral mix left 20 to 30 MB held by the threads that did them, a twentieth of the node's memory.
     * Larger buffers are freed after their use. Read once, when the JDK first lends such a buffer, so it is set
     * before anything connects; an operator's own -Djdk.nio.maxCachedBufferSize wins.
     */
    private static void boundTemporaryDirectBuffers() {
        if (System.getProperty("jdk.nio.maxCachedBufferSize") == null) {
            System.setProperty("jdk.nio.maxCachedBufferSize", String.valueOf(MAX_CACHED_SOCKET_BUFFER));
        }
    }
}
