package org.cfcr.petitions.signature;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmailAddressTest {

    @Test
    void one_mailbox_one_signer_whatever_the_spelling() {
        assertEquals("janedoe@gmail.com", new EmailAddress(" Jane.Doe+petition@Gmail.com ").mailbox());
        assertEquals("janedoe@gmail.com", new EmailAddress("j.a.n.e.d.o.e@googlemail.com").mailbox());
        assertEquals("jane.doe@example.org", new EmailAddress("Jane.Doe+news@Example.ORG").mailbox(),
                "dots matter outside Gmail");
        assertEquals("+weird@example.org", new EmailAddress("+weird@example.org").mailbox());
        assertEquals(new EmailAddress("janedoe@gmail.com").mailbox(), new EmailAddress("Jane.Doe+x@googlemail.com").mailbox());
    }
}
