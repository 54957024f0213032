package org.cfcr.petitions.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The features depend on each other in one direction only, and on a shared kernel that depends on
 * none of them: a change to one feature cannot loop back into itself through another.
 */
class FeatureDependenciesTest {

    private static final String BASE = "org.cfcr.petitions";
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void no_feature_reaches_back_into_itself_through_another() {
        slices().matching(BASE + ".(*)..").namingSlices("$1").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void the_kernel_knows_no_feature() {
        classes().that().resideInAPackage(BASE + ".kernel..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAPackage(BASE + ".kernel..")))
                .check(PRODUCT);
    }

    @Test
    void the_campaign_table_is_read_and_saved_only_by_the_campaign_feature() {
        noClasses().that().resideOutsideOfPackage(BASE + ".campaign..")
                .should().dependOnClassesThat().haveSimpleName("CampaignRepository")
                .check(PRODUCT);
    }

    @Test
    void only_the_stores_and_their_features_write_sql() {
        // a feature's classes may use Sql; no other feature's store is bypassed (TableOwnershipTest
        // checks which tables each class names)
        noClasses().that().resideInAnyPackage(BASE + ".api..", BASE + ".press..", BASE + ".site..", BASE + ".admin..")
                .should().dependOnClassesThat().haveSimpleName("Sql")
                .check(PRODUCT);
    }
}
