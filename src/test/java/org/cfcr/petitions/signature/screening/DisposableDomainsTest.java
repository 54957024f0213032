package org.cfcr.petitions.signature.screening;

import io.micronaut.core.io.ResourceResolver;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisposableDomainsTest {

    @Test
    void the_shipped_list_and_an_extra_file_both_count_subdomains_too() throws Exception {
        Path extra = Files.createTempFile("disposable", ".txt");
        Files.writeString(extra, "# added by the coalition\nfresh-throwaway.example\n");
        DisposableDomains domains = new DisposableDomains(new ResourceResolver(), new EmailCheckSettings("refuse", extra.toString()));
        assertTrue(domains.isDisposable("mailinator.com"));
        assertTrue(domains.isDisposable("Inbox.Mailinator.com"));
        assertTrue(domains.isDisposable("fresh-throwaway.example"));
        assertFalse(domains.isDisposable("example.org"));
        assertFalse(domains.isDisposable("qq.com"));
        assertFalse(domains.isDisposable("com"));
    }
}
