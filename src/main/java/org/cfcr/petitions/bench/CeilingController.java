package org.cfcr.petitions.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Instant;

/**
 * The two ceilings that bench/run compares the real endpoints with, measured on the same machine
 * in the same run: the cheapest GET this stack can answer, and a POST that does one INSERT. Only
 * present when PETITIONS_BENCH_CEILINGS=true.
 */
@Hidden
@Controller("/bench")
@Requires(property = "petitions.bench.ceilings", value = "true")
class CeilingController {

    private final Sql sql;

    CeilingController(Sql sql) {
        this.sql = sql;
    }

    @Get("/constant")
    @Produces(MediaType.APPLICATION_JSON)
    String constant() {
        return "{\"ok\":true}";
    }

    @Post("/insert")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Transactional
    HttpResponse<String> insert() {
        sql.update("INSERT INTO bench_ceiling (note, created_at) VALUES (?, ?)", "ceiling", Instant.now());
        return HttpResponse.accepted().body("{\"ok\":true}");
    }
}
