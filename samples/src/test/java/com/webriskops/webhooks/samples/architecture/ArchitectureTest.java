package com.webriskops.webhooks.samples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit's module boundaries, checked on the compiled classes of every module this one sees (core,
 * jaxrs-adapter, servlet-adapter, jdbi-store, samples and the testing kit, main and test code): an {@code internal}
 * package is its module's business only, and core's public surface stays small.
 */
class ArchitectureTest {
    private static final String ROOT = "com.webriskops.webhooks";

    /** The modules other than core, by the package under {@value #ROOT} that holds each. */
    private static final List<String> MODULES = List.of("jaxrs", "servlet", "jdbi", "dashboard", "samples");

    /** Most public top-level types core may have outside its internal packages. */
    private static final int MAX_CORE_PUBLIC_TYPES = 60;

    private static final Pattern INTERNAL = Pattern.compile("(^|.*\\.)internal(\\..*)?");

    private static final JavaClasses ALL = new ClassFileImporter().importPackages(ROOT);

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ArchitectureTest::isMainCode)
            .importPackages(ROOT);

    @ParameterizedTest
    @ValueSource(strings = {"core", "jaxrs", "servlet", "jdbi", "dashboard", "samples", "testing"})
    void noOtherModuleDependsOnAModulesInternalPackages(String module) {
        noClasses()
                .that(belongTo(module).negate())
                .should()
                .dependOnClassesThat(belongTo(module).and(areInternal()))
                .because("an internal package may change in any release; other modules use public API only")
                .check(ALL);
    }

    @Test
    void coreHasAtMostSixtyPublicTopLevelTypesOutsideInternalPackages() {
        List<String> publicTypes = MAIN.stream()
                .filter(c -> moduleOf(c).equals("core"))
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !INTERNAL.matcher(c.getPackageName()).matches())
                .map(JavaClass::getName)
                .sorted()
                .toList();

        assertThat(publicTypes).as("the sanity of this check").contains(ROOT + ".sender.WebhookSender");
        assertThat(publicTypes)
                .as("core's public top-level types outside internal packages")
                .hasSizeLessThanOrEqualTo(MAX_CORE_PUBLIC_TYPES);
    }

    @Test
    void theBoundaryCheckSeesEveryModule() {
        for (String module : List.of("core", "jaxrs", "servlet", "jdbi", "dashboard", "samples", "testing")) {
            assertThat(ALL.stream().filter(c -> moduleOf(c).equals(module)))
                    .as("classes of " + module)
                    .isNotEmpty();
        }
        assertThat(ALL.stream().filter(c -> moduleOf(c).equals("core") && isInternal(c)))
                .as("core's internal classes")
                .isNotEmpty();
    }

    /**
     * The module a class belongs to: the testing kit when its jar or classes folder holds it (its
     * package is shared with core's test helpers), else the non-core module whose package holds it,
     * else core.
     */
    static String moduleOf(JavaClass javaClass) {
        if (isTestingKit(javaClass)) {
            return "testing";
        }
        String name = javaClass.getPackageName();
        for (String module : MODULES) {
            String base = ROOT + "." + module;
            if (name.equals(base) || name.startsWith(base + ".")) {
                return module;
            }
        }
        return "core";
    }

    private static boolean isTestingKit(JavaClass javaClass) {
        return javaClass
                .getSource()
                .map(source -> source.getUri().toString())
                .filter(uri ->
                        uri.contains("/webriskops-webhooks-testing-") || uri.contains("/testing/target/classes/"))
                .isPresent();
    }

    private static boolean isInternal(JavaClass javaClass) {
        return INTERNAL.matcher(javaClass.getPackageName()).matches();
    }

    private static DescribedPredicate<JavaClass> belongTo(String module) {
        return DescribedPredicate.describe(
                "belong to module " + module, c -> moduleOf(c).equals(module));
    }

    private static DescribedPredicate<JavaClass> areInternal() {
        return DescribedPredicate.describe("are in an internal package", ArchitectureTest::isInternal);
    }

    /** Compiled main code only: neither test-classes folders nor test jars. */
    private static boolean isMainCode(Location location) {
        String uri = location.asURI().toString().toLowerCase(Locale.ROOT);
        return !uri.contains("/test-classes/") && !uri.contains("-tests.jar");
    }
}
