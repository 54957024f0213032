package org.cfcr.petitions.campaign;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface CampaignRepository extends CrudRepository<Campaign, Long> {

    Optional<Campaign> findBySlug(String slug);

    /** The campaign as committed, its row locked until the transaction ends (SELECT ... FOR UPDATE). */
    Optional<Campaign> findByIdForUpdate(Long id);

    List<Campaign> findByStateInOrderByCreatedAtDesc(Collection<CampaignState> states);
}
