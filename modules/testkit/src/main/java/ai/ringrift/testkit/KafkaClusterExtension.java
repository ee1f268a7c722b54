package ai.ringrift.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts one {@link KafkaCluster} per test class and closes it after the class. */
public final class KafkaClusterExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  private static KafkaCluster cluster(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext classContext = classContext(context, testClass);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(testClass, type -> start(testClass), KafkaCluster.class);
  }

  private static ExtensionContext classContext(ExtensionContext context, Class<?> testClass) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent()
        || current.getTestClass().orElse(null) != testClass) {
      current = current.getParent().orElseThrow();
    }
    return current;
  }

  private static KafkaCluster start(Class<?> testClass) {
    WithKafkaCluster settings =
        AnnotationSupport.findAnnotation(testClass, WithKafkaCluster.class)
            .orElseThrow(
                () -> new ParameterResolutionException(testClass + " lacks @WithKafkaCluster"));
    return KafkaCluster.start(
        settings.brokers(),
        settings.applyCatalog(),
        settings.schemaRegistry(),
        settings.sasl(),
        settings.tls(),
        settings.brokerConfig());
  }
}
