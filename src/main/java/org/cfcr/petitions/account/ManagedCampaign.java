package org.cfcr.petitions.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route names a campaign by its {@code {id}} or {@code {slug}}, and the signed-in account must
 * manage it: {@link ManagedCampaignFilter} checks that once, before the handler, which takes the
 * campaign as a {@code Campaign} argument. Any other account is answered as if the campaign did
 * not exist.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ManagedCampaign {
}
