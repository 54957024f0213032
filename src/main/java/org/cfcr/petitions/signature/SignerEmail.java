package org.cfcr.petitions.signature;

import org.cfcr.petitions.mail.EmailKind;

/** The emails a signature's own action causes; each carries its "remove my signature" link. */
public enum SignerEmail implements EmailKind {
    /** Asks a signer to confirm, with a fresh single-use link. */
    CONFIRMATION,
    /** Tells a confirmed signer who signed again that their signature already counts. */
    ALREADY_SIGNED;

    @Override
    public Lane lane() {
        return Lane.PERSONAL;
    }

    /** Whether the email is still worth sending to a signature as it stands now. */
    boolean isWorthSending(Signature signature) {
        return switch (this) {
            case CONFIRMATION -> signature.status() == SignatureStatus.PENDING;
            case ALREADY_SIGNED -> signature.status() != SignatureStatus.WITHDRAWN;
        };
    }
}
