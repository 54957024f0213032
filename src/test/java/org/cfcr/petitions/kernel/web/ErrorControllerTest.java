package org.cfcr.petitions.kernel.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorControllerTest {

    @Test
    void confirmation_tokens_never_reach_the_log() {
        assertEquals("/confirm/…", ErrorController.withoutSecrets("/confirm/" + "a".repeat(43)));
        assertEquals("/campaigns/x", ErrorController.withoutSecrets("/campaigns/x"));
    }
}
