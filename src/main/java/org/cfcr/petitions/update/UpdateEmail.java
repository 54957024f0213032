package org.cfcr.petitions.update;

import org.cfcr.petitions.mail.EmailKind;

/** News from a campaign to a signer who asked for it; carries an unsubscribe link. */
enum UpdateEmail implements EmailKind {
    UPDATE;

    @Override
    public Lane lane() {
        return Lane.BULK;
    }
}
