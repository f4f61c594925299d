package dev.frontline.desktop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The desktop talks to the server only over HTTP/WebSocket; only the demo starts one in-process. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.frontline.desktop");
    }

    @Test
    void onlyTheDemoTouchesTheServer() {
        noClasses().that().resideOutsideOfPackage("dev.frontline.desktop.demo..")
                .should().dependOnClassesThat().resideInAPackage("dev.frontline.server..")
                .check(classes);
    }

    @Test
    void viewsGoThroughTheirViewModelsNotTheNetwork() {
        noClasses().that().resideInAnyPackage("dev.frontline.desktop.login..", "dev.frontline.desktop.operator..",
                        "dev.frontline.desktop.supervisor..", "dev.frontline.desktop.phone..", "dev.frontline.desktop.ui..",
                        "dev.frontline.desktop.recording..", "dev.frontline.desktop.report..")
                .and().haveSimpleNameNotEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("dev.frontline.desktop.net..")
                .check(classes);
    }

    @Test
    void onlyTheNetworkPackageHopsToTheFxThread() {
        noClasses().that().resideOutsideOfPackages("dev.frontline.desktop.net..")
                .and().doNotHaveFullyQualifiedName(DesktopMain.class.getName())
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(classes);
    }
}
