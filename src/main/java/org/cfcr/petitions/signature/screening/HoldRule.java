package org.cfcr.petitions.signature.screening;

/**
 * Why a signature was held back. Recorded on the signature for the campaign's leads; never shown
 * to the signer, so that a bot cannot learn which rule caught it.
 */
public enum HoldRule {
    /** The address, network, domain or email is on a block list. */
    BLOCKED,
    /** The hidden field was filled in, or the form was sent too fast, too late or without its token. */
    BOT,
    /** The campaign asked for the proof-of-work challenge and none (or a wrong one) came. */
    CHALLENGE,
    /** A throwaway-mail domain, when such domains are held rather than refused. */
    DISPOSABLE,
    /** Too many signatures from one address on this campaign. */
    ADDRESS_RATE,
    /** Too many signatures from one network (/24, IPv6 /48) on this campaign. */
    NETWORK_RATE,
    /** Too many signatures from one email domain on this campaign. */
    DOMAIN_RATE
}
