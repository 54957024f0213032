package org.cfcr.petitions.signature.screening;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code petitions.abuse.*}; application.yml gives the defaults and README the
 * environment variables.
 *
 * @param allowAddresses        addresses and CIDR ranges no rule ever holds (a partner's server, a load test)
 * @param blockAddresses        addresses and CIDR ranges whose signatures are always held
 * @param blockDomains          email domains (and their subdomains) whose signatures are always held
 * @param blockEmails           email patterns, {@code *} matching anything, whose signatures are always held
 * @param allowDomains          email domains exempt from the per-domain limit, beyond the shipped list of big providers
 * @param addressPerMinute      signatures one address may make on one campaign within a minute
 * @param addressPerHour        ... and within an hour
 * @param networkPerMinute      signatures one network (/24, IPv6 /48) may make on one campaign within a minute
 * @param networkPerHour        ... and within an hour
 * @param domainPerMinute       signatures one email domain (not a big provider) may bring to one campaign within a minute
 * @param domainPerHour         ... and within an hour
 * @param campaignPerMinute     signatures a campaign takes on one node within a minute before the challenge switches on
 * @param challengeDuration     how long a flood keeps the challenge on
 * @param challengeBits         the challenge's difficulty: leading zero bits of a SHA-256 (16 is about 65,000 hashes)
 * @param minFillTime           least time between showing the sign form and sending it
 * @param maxFormAge            most time a sign form may be left open before it is sent
 * @param heldEmailsPerHour     emails that held signatures may cause per hour, per network and per email domain
 *                              (see {@link HeldEmailBudget}); 0: held signatures are never emailed
 */
@ConfigurationProperties("petitions.abuse")
public record AbuseSettings(
        List<String> allowAddresses,
        List<String> blockAddresses,
        List<String> blockDomains,
        List<String> blockEmails,
        List<String> allowDomains,
        int addressPerMinute,
        int addressPerHour,
        int networkPerMinute,
        int networkPerHour,
        int domainPerMinute,
        int domainPerHour,
        int campaignPerMinute,
        Duration challengeDuration,
        int challengeBits,
        Duration minFillTime,
        Duration maxFormAge,
        int heldEmailsPerHour) {
}
