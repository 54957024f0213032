package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The SMTP server, under {@code smtp.*}; without a host, emails are written to a folder.
 *
 * @param host     SMTP_HOST
 * @param port     SMTP_PORT
 * @param starttls SMTP_STARTTLS: require STARTTLS
 * @param username SMTP_USERNAME: authentication is used when set
 * @param password SMTP_PASSWORD
 */
@ConfigurationProperties("smtp")
public record SmtpSettings(@Nullable String host, int port, boolean starttls, @Nullable String username,
                           @Nullable String password) {
}
