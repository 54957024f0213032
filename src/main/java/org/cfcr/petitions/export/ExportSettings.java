package org.cfcr.petitions.export;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;

/**
 * Settings under {@code petitions.exports.*}.
 *
 * @param canaryDomains the domains of the canary rows' made-up addresses (EXPORT_CANARY_DOMAINS).
 *                      In production, domains the coalition owns, with a catch-all mailbox: the
 *                      canaries then look like anyone's address, and mail to one of them says that
 *                      someone is using a leaked file, and which. The default, example.net, is
 *                      reserved: mail to it reaches no one
 */
@ConfigurationProperties("petitions.exports")
public record ExportSettings(List<String> canaryDomains) {
}
