package org.cfcr.petitions.signature;

import com.google.common.net.InternetDomainName;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** An email address as signers type it, checked, and the key that tells one person from another. */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;

    /** The HTML standard's definition of a valid email (what browsers check), plus a dot in the domain. */
    private static final Pattern VALID = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    public static boolean isValid(String candidate) {
        return candidate != null && candidate.length() <= MAX_LENGTH && VALID.matcher(candidate).matches();
    }

    /** Trimmed and case-folded: "  Jane@Example.ORG " and "jane@example.org" are the same signer. */
    public String normalised() {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The mailbox behind the address, as far as we can tell: normalised, without a "+tag" (most
     * providers deliver jane+x@ to jane@), and for Gmail without dots and with googlemail.com
     * folded into gmail.com. One person cannot sign twice by varying these.
     */
    public String mailbox() {
        String address = normalised();
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at);
        String domain = domain();
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        if (domain.equals("gmail.com")) {
            local = local.replace(".", "");
        }
        return local + "@" + domain;
    }

    /** The domain, lower-cased. */
    public String domain() {
        String address = normalised();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /**
     * The domain one registrant controls, by the Public Suffix List: "example.org" for
     * "a.x.example.org", "example.co.uk" for "mail.example.co.uk", but "alice.github.io" for itself,
     * since github.io gives each user their own. Whoever owns a domain owns all its subdomains, so
     * limits per domain key on this, or a catch-all domain would get a fresh limit per subdomain.
     * A domain under a suffix the list does not know counts by its last two labels (the list's
     * default rule); a public suffix itself, or a name that is not a domain name, stays as it is.
     */
    public String registrableDomain() {
        return registrableDomain(domain());
    }

    static String registrableDomain(String domain) {
        try {
            InternetDomainName name = InternetDomainName.from(domain);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            if (name.hasPublicSuffix() || name.parts().size() < 2) {
                return domain;
            }
            List<String> parts = name.parts();
            return parts.get(parts.size() - 2) + "." + parts.get(parts.size() - 1);
        } catch (IllegalArgumentException | IllegalStateException notADomainName) {
            return domain;
        }
    }

    /** Whether the domain, or a domain it belongs to ("mail.example.org" to "example.org"), is in the set. */
    public static boolean isInOrUnder(String domain, java.util.Set<String> domains) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        while (true) {
            if (domains.contains(candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
    }
}
