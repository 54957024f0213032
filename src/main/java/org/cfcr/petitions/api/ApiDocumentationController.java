package org.cfcr.petitions.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;

/** The API described: the OpenAPI document, and a page that reads it for people (no CDN, no script). */
@Hidden
@Controller
class ApiDocumentationController {

    private final ApiDocumentation documentation;

    ApiDocumentationController(ApiDocumentation documentation) {
        this.documentation = documentation;
    }

    @Get("/api/v1/openapi.yml")
    HttpResponse<String> openApi() {
        return HttpResponse.ok(documentation.yaml())
                .contentType("application/yaml;charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    @Get("/api")
    @View("api")
    Map<String, Object> page() {
        return Map.of("tags", documentation.operationsByTag());
    }
}
