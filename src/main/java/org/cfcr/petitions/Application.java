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

    public static void main(String[] args) {
        String logFormat = System.getenv("LOG_FORMAT");
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            // logback.xml picks its appender by this name: another would silence every log line
            System.err.println("LOG_FORMAT must be text or json, not \"" + logFormat + "\"");
            System.exit(64);
        }
        ProductionGuard.checkOrExit(System.getenv(), System.getProperties());
        Micronaut.build(args).banner(false).mainClass(Application.class).start();
    }
}
