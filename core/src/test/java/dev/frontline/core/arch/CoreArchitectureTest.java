package dev.frontline.core.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core is the domain: no telephony, web or UI framework may leak into it. */
@AnalyzeClasses(packages = "dev.frontline.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoFrameworkImports = noClasses()
            .that().resideInAPackage("dev.frontline.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.asteriskjava..", "com.twilio..", "io.javalin..", "javafx..", "dev.frontline.server..",
                    "dev.frontline.desktop..")
            .because("core must stay a pure domain; adapters translate at the edge (DESIGN.md)");
}
