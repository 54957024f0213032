package org.cfcr.petitions.kernel.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.cfcr.petitions.support.Browser;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mangled or overlong link gets our page, never the framework's JSON. */
@MicronautTest(transactional = false)
class RefusedBeforeRoutingTest extends ServiceTest {

    @Test
    void a_very_long_confirmation_link_is_a_link_we_do_not_know() {
        Browser.Page page = browser().acceptLanguage("zh").get("/confirm/" + "a".repeat(5000));
        assertEquals(404, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.html().text().contains("有些邮件程序会截断较长的链接"), page.body());
    }

    @Test
    void an_address_longer_than_the_server_reads_gets_our_page() {
        Browser.Page page = browser().get("/confirm/" + "a".repeat(20_000));
        assertEquals(414, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.html().text().contains("This address is too long to be one of ours"), page.body());
        assertTrue(!page.body().contains("_links"), page.body());
    }
}
