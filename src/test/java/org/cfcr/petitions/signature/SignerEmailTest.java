package org.cfcr.petitions.signature;

import org.junit.jupiter.api.Test;

import static org.cfcr.petitions.signature.SignatureTest.signature;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An email whose reason has passed (confirmed through another link, withdrawn) is not sent. */
class SignerEmailTest {

    @Test
    void a_confirmation_goes_only_to_a_pending_signature() {
        assertTrue(SignerEmail.CONFIRMATION.isWorthSending(signature(SignatureStatus.PENDING, null, null)));
        assertFalse(SignerEmail.CONFIRMATION.isWorthSending(signature(SignatureStatus.CONFIRMED, null, null)));
        assertFalse(SignerEmail.CONFIRMATION.isWorthSending(signature(SignatureStatus.WITHDRAWN, null, null)));
    }

    @Test
    void already_signed_goes_to_anyone_who_has_not_withdrawn() {
        assertTrue(SignerEmail.ALREADY_SIGNED.isWorthSending(signature(SignatureStatus.CONFIRMED, null, 7L)));
        assertFalse(SignerEmail.ALREADY_SIGNED.isWorthSending(signature(SignatureStatus.WITHDRAWN, null, null)));
    }
}
