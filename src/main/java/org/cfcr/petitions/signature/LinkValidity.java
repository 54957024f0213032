package org.cfcr.petitions.signature;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.i18n.Durations;
import org.cfcr.petitions.kernel.i18n.Lang;

/** How long a confirmation link works, in words ("7 days"), for the pages and emails that say so. */
@Singleton
public class LinkValidity {

    private final Durations durations;
    private final SigningSettings config;

    LinkValidity(Durations durations, SigningSettings config) {
        this.durations = durations;
        this.config = config;
    }

    public String in(Lang lang) {
        return durations.human(config.confirmationTtl(), lang);
    }
}
