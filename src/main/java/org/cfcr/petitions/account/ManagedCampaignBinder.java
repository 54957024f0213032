package org.cfcr.petitions.account;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;

/**
 * Lets a {@link ManagedCampaign} handler take {@code Campaign campaign}: the campaign
 * {@link ManagedCampaignFilter} found the account manages. No database here; unsatisfied on any
 * other route.
 */
@Singleton
class ManagedCampaignBinder implements TypedRequestArgumentBinder<Campaign> {

    private static final Argument<Campaign> TYPE = Argument.of(Campaign.class);

    @Override
    public Argument<Campaign> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Campaign> bind(ArgumentConversionContext<Campaign> context, HttpRequest<?> request) {
        return () -> request.getAttribute(ManagedCampaignFilter.ATTRIBUTE, Campaign.class);
    }
}
