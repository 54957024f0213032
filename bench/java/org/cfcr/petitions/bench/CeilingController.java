package org.cfcr.petitions.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.web.CsrfExempt;

import java.time.Instant;

/**
 * The ceilings that bench/run compares the real endpoints with, measured on the same machine in
 * the same run: the cheapest GET this stack can answer, a GET that does one indexed read, and a
 * POST that does one INSERT. Built
 * only into the benchmark's jar (./mvnw -Pbench package), served only outside production with
 * PETITIONS_BENCH_CEILINGS=true; its table is its own, created here, never by the product's migrations.
 */
@Hidden
// called by the benchmark's scripts, never from a page's form: no CSRF token, as on the JSON API
@CsrfExempt
@Controller("/bench")
@Requires(property = "petitions.bench.ceilings", value = "true")
@Requires(notEnv = "prod")
class CeilingController {

    private final Sql sql;

    CeilingController(Sql sql) {
        this.sql = sql;
    }

    @EventListener
    @Transactional
    void createTable(StartupEvent started) {
        sql.update("CREATE TABLE IF NOT EXISTS bench_ceiling (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "note VARCHAR(64) NOT NULL, created_at DATETIME(6) NOT NULL)");
    }

    @Get("/constant")
    @Produces(MediaType.APPLICATION_JSON)
    String constant() {
        return "{\"ok\":true}";
    }

    /** One indexed SELECT outside a transaction: the least a page of one signer's own link costs. */
    @Get("/read")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Connectable
    @Produces(MediaType.APPLICATION_JSON)
    String read() {
        return sql.one("SELECT id, note, created_at FROM bench_ceiling WHERE id = ?", row -> row.getString("note"), 1)
                .map(note -> "{\"note\":\"" + note + "\"}").orElse("{}");
    }

    @Post("/insert")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Transactional
    HttpResponse<String> insert() {
        sql.update("INSERT INTO bench_ceiling (note, created_at) VALUES (?, ?)", "ceiling", Instant.now());
        return HttpResponse.accepted().body("{\"ok\":true}");
    }
}
