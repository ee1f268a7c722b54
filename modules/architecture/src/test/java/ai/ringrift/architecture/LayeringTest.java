package ai.ringrift.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the main code of every module, read from the compiled classes (tests are left
 * out: they may reach across, e.g. into the testkit). The README's "Layout" names these rules.
 */
@AnalyzeClasses(packages = "ai.ringrift", importOptions = ImportOption.DoNotIncludeTests.class)
final class LayeringTest {

  /** Module order: a class uses its own module and the modules below it, never one above. */
  @ArchTest
  static final ArchRule modulesUseOnlyTheModulesBelowThem =
      classes()
          .that()
          .resideInAPackage("ai.ringrift..")
          .should(Modules.useOnlyTheirOwnModuleAndThoseBelow());

  /** A package's name says its module: {@code ai.ringrift.stages..} is in modules/stages. */
  @ArchTest
  static final ArchRule packagesAreNamedForTheirModule =
      classes()
          .that()
          .resideInAPackage("ai.ringrift..")
          .should(Modules.liveInTheModuleTheirPackageNames());

  /** Inside a module, packages form no cycle: every package is a slice. */
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("ai.ringrift.(**)").should().beFreeOfCycles();

  /**
   * The simulation is a named demo: only {@code ringrift up}, {@code ringrift simulate} and the
   * benchmarks plug it in, and the configuration reference documents its section; production code
   * never depends on it.
   */
  @ArchTest
  static final ArchRule onlyTheDemoUsesTheSimulation =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "ai.ringrift.simulation..",
              "ai.ringrift.admin.up..",
              "ai.ringrift.admin.docs..",
              "ai.ringrift.admin.simulate..",
              "ai.ringrift.benchmarks..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("ai.ringrift.simulation..");

  /** The testkit runs brokers for tests and benchmarks, nothing else. */
  @ArchTest
  static final ArchRule onlyTestsAndBenchmarksUseTheTestkit =
      noClasses()
          .that()
          .resideOutsideOfPackages("ai.ringrift.testkit..", "ai.ringrift.benchmarks..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("ai.ringrift.testkit..");
}
