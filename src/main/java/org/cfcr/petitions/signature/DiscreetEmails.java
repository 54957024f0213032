package org.cfcr.petitions.signature;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SharedSecrets;
import org.cfcr.petitions.mail.OutgoingEmail;
import org.cfcr.petitions.mail.Senders;

import java.nio.charset.StandardCharsets;

/**
 * What a discreet campaign's signer is told to look for, since its emails name neither the
 * campaign nor its cause: the neutral sender, and a reference code shown after signing, in the
 * emails and on the confirmation page.
 * <p>
 * The code is a keyed hash of the campaign and the signer's mailbox: the same each time one
 * mailbox signs one campaign (signing again answers as the first time, and needs nothing stored),
 * different for every signer and every campaign. A code read in a mailbox therefore names no
 * campaign, and one signer's code tells nothing about another's; a code per campaign would be
 * learned by anyone who signs once, and then be as telling as the campaign's title.
 */
@Singleton
public class DiscreetEmails {

    private static final String KEY = "reference-code";
    /** Crockford's base 32: no I, L, O or U, so that nothing is misread when typed or compared. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final SharedSecrets secrets;
    private final Senders senders;

    DiscreetEmails(SharedSecrets secrets, Senders senders) {
        this.secrets = secrets;
        this.senders = senders;
    }

    /** The signer's reference code for the campaign, like {@code 7KQM-4P2X} (40 bits). */
    public String reference(long campaignId, EmailAddress email) {
        byte[] mac = secrets.lookupMac(KEY, (campaignId + "\n" + email.mailbox()).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
        }
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(ALPHABET.charAt((int) (bits >>> (35 - 5 * i)) & 31));
        }
        return code.toString();
    }

    /** The sender's name the signer will see in their mail program. */
    public String senderName() {
        return senders.shownAs(OutgoingEmail.Sender.NEUTRAL);
    }
}
