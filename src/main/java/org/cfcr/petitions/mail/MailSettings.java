package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Sending, under {@code petitions.mail.*}; application.yml gives the defaults.
 *
 * @param from                  sender address of every email (MAIL_FROM)
 * @param discreetFromName      the sender's name on the emails of a discreet campaign's signers, instead of any name
 *                              MAIL_FROM carries (MAIL_DISCREET_FROM_NAME); empty: the address alone
 * @param folder                where emails are written when no SMTP server is set (MAIL_FOLDER); empty: data-dir/mail
 * @param lease                 how long a claimed email is this node's before another may take it
 * @param concurrency           emails one node sends at once (PETITIONS_MAIL_CONCURRENCY)
 * @param pollInterval          how often each node looks for due emails
 * @param retryBase             the wait after a first temporary failure, doubled after each
 * @param retryMax              the longest wait between two tries
 * @param giveUpAfter           how long a failing email is tried (as long as its link works)
 * @param messagesPerConnection emails sent over one SMTP connection before it is renewed
 * @param connectionIdle        how long an idle SMTP connection is kept
 * @param patience              how long an email may wait while visitors keep the node's processors busy
 *                              (MAIL_PATIENCE; zero: it never waits)
 */
@ConfigurationProperties("petitions.mail")
public record MailSettings(String from, @Nullable String discreetFromName, @Nullable String folder, Duration lease,
                           int concurrency, Duration pollInterval, Duration retryBase, Duration retryMax,
                           Duration giveUpAfter, int messagesPerConnection, Duration connectionIdle,
                           Duration patience) {
}
