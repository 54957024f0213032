package org.cfcr.petitions.kernel.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorControllerTest {

    @Test
    void the_tokens_of_signers_links_never_reach_the_log() {
        assertEquals("/confirm/…", ErrorController.withoutSecrets("/confirm/" + "a".repeat(43)));
        assertEquals("/withdraw/…", ErrorController.withoutSecrets("/withdraw/" + "b".repeat(43)));
        assertEquals("/unsubscribe/…", ErrorController.withoutSecrets("/unsubscribe/" + "c".repeat(40)));
        assertEquals("/campaigns/x", ErrorController.withoutSecrets("/campaigns/x"));
    }
}
