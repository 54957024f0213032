package org.cfcr.petitions.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ApiDocumentationTest extends ServiceTest {

    @Test
    void the_openapi_document_is_generated_from_the_code_and_served() {
        Browser.Page document = browser().get("/api/v1/openapi.yml");
        assertEquals(200, document.status());
        assertTrue(document.header("Content-Type").startsWith("application/yaml"));
        String yaml = document.body();
        assertTrue(yaml.startsWith("openapi: 3"), yaml.substring(0, 40));
        for (String path : new String[] {"/api/v1/campaigns:", "/api/v1/campaigns/{slug}:", "/api/v1/campaigns/{slug}/signatures:",
                "/api/v1/campaigns/{slug}/signers:", "/api/v1/campaigns/{slug}/live:", "/api/v1/campaigns/{slug}/history:"}) {
            assertTrue(yaml.contains(path), path);
        }
        assertFalse(yaml.contains("/confirm/"), "pages are not part of the API");
    }

    @Test
    void the_api_page_is_readable_without_script_or_other_sites() {
        Browser.Page page = browser().get("/api?lang=zh");
        assertEquals(200, page.status());
        var html = page.html();
        assertEquals("联署 API", html.selectFirst("h1").text());
        assertTrue(html.text().contains("POST /api/v1/campaigns/{slug}/signatures"), html.text());
        assertTrue(html.text().contains("Sign a campaign"));
        assertTrue(html.select("script").isEmpty());
        assertTrue(html.select("link[href^=http], script[src^=http], img[src^=http]").isEmpty());
    }
}
