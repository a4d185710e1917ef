package nl.kennisveiligheid.screening.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/**
 * The structure the code keeps: packages by capability without cycles, pure matching and triage,
 * one owner of a case's state, and one package that talks to Kafka's producer. A change that breaks
 * one of these fails the build with the offending dependency named.
 */
class ArchitectureTest {

    private static final String ROOT = "nl.kennisveiligheid.screening";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void matchingIsPureAndStandsAlone() {
        noClasses().that().resideInAPackage(ROOT + ".matching..")
                .should().dependOnClassesThat().resideInAnyPackage(impure())
                // Jackson only parses the word table (matching/name-words.yaml), read once from the classpath like ICU's data.
                .orShould().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".matching..", "java..",
                        "com.ibm.icu..", "org.apache.lucene..", "org.tartarus.snowball..", "org.apache.commons.text..",
                        "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.dataformat.yaml..")
                .check(MAIN);
    }

    @Test
    void triageIsPureAndUsesOnlyMatching() {
        noClasses().that().resideInAPackage(ROOT + ".triage..")
                .should().dependOnClassesThat().resideInAnyPackage(impure())
                // Jackson's annotations only say how absent members are written; they do no I/O.
                .orShould().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".triage..", ROOT + ".matching..",
                        "java..", "com.fasterxml.jackson.annotation..")
                .check(MAIN);
    }

    /**
     * The Merkle tree, checkpoints and proofs are pure: an auditor replays them from bytes alone, and
     * the same code answers proofs from the database and from a naive recomputation in tests.
     */
    @Test
    void theTransparencyTreeIsPureAndStandsAlone() {
        noClasses().that().resideInAPackage(ROOT + ".audit.tree..")
                .should().dependOnClassesThat().resideInAnyPackage(impure())
                .orShould().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".audit.tree..", "java..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(MAIN);
    }

    /** The law's calendar is pure: a period is a function of dates, never of a clock or a database. */
    @Test
    void theLegalCalendarIsPureAndStandsAlone() {
        noClasses().that().resideInAPackage(ROOT + ".periods..")
                .should().dependOnClassesThat().resideInAnyPackage(impure())
                .orShould().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".periods..", "java..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .check(MAIN);
    }

    /** Key-encryption keys never enter the database: the package that holds them cannot reach it. */
    @Test
    void theKeyEncryptionKeysNeverTouchTheDatabase() {
        noClasses().that().resideInAPackage(ROOT + ".keys..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "jakarta.persistence..", "org.hibernate..",
                        "io.quarkus.hibernate..", "io.agroal..", "org.apache.kafka..")
                .orShould().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".keys..", "java..", "javax.crypto..",
                        "jakarta.annotation..", "jakarta.enterprise..", "jakarta.inject..", "io.smallrye.config..")
                .check(MAIN);
    }

    @Test
    void onlyTheCaseLifecycleChangesACase() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cases..")
                .should(setAFieldOf(ScreeningCase.class))
                .check(MAIN);
    }

    @Test
    void onlyTheLogPackageTalksToKafkasProducer() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".audit..")
                .should().dependOnClassesThat().areAssignableTo(Producer.class)
                .check(MAIN);
    }

    private static String[] impure() {
        return new String[] {"io.quarkus..", "jakarta..", "javax..", "java.sql..", "org.apache.kafka..",
                "org.hibernate..", "io.vertx..", "org.eclipse.microprofile.."};
    }

    private static ArchCondition<JavaClass> setAFieldOf(Class<?> owner) {
        return new ArchCondition<>("set a field of " + owner.getSimpleName()) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaFieldAccess access : item.getFieldAccessesFromSelf()) {
                    if (access.getAccessType() == JavaFieldAccess.AccessType.SET
                            && access.getTargetOwner().isEquivalentTo(owner)) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }
}
