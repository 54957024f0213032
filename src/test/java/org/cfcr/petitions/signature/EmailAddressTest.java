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

    @Test
    void the_registrable_domain_is_the_one_a_registrant_controls() {
        assertEquals("example.org", new EmailAddress("a@a.x.example.org").registrableDomain());
        assertEquals("example.org", new EmailAddress("b@B.X.Example.ORG").registrableDomain());
        assertEquals("example.org", new EmailAddress("c@example.org").registrableDomain());
        assertEquals("example.co.uk", new EmailAddress("d@mail.example.co.uk").registrableDomain());
        assertEquals("alice.github.io", new EmailAddress("e@alice.github.io").registrableDomain(),
                "a private suffix gives each of its users their own domain");
        assertEquals("catchall.example", new EmailAddress("f@a.b.catchall.example").registrableDomain(),
                "a suffix the list does not know counts by the last two labels");
        assertEquals("co.uk", new EmailAddress("g@co.uk").registrableDomain(), "a public suffix stays itself");
        assertEquals("qq.com", new EmailAddress("h@qq.com").registrableDomain());
    }
}
