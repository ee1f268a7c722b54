package ai.ringrift.http;

import ai.ringrift.config.ConfigException;
import ai.ringrift.config.SecretFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key store or trust store file (PKCS12 unless said otherwise), as {@code scripts/make-certs}
 * writes them: a server's key with its certificate chain, or the CA certificates a client trusts.
 * Named in the environment like Kafka's own settings, {@code <PREFIX>_LOCATION}, {@code
 * <PREFIX>_PASSWORD} (or {@code <PREFIX>_PASSWORD_FILE}, see {@link SecretFiles}) and {@code
 * <PREFIX>_TYPE}.
 *
 * @param location the file
 * @param password the store's password
 * @param type the store type ({@code PKCS12} or {@code JKS})
 */
public record KeyStoreFile(Path location, String password, String type) {
  /** The store type when none is named. */
  public static final String DEFAULT_TYPE = "PKCS12";

  public KeyStoreFile {
    if (location == null) {
      throw new ConfigException("location", "a key store needs a file");
    }
    if (password == null) {
      throw new ConfigException("password", "the key store " + location + " needs a password");
    }
    type = type == null || type.isBlank() ? DEFAULT_TYPE : type.trim().toUpperCase(Locale.ROOT);
  }

  /**
   * The store named by {@code <prefix>_LOCATION} in {@code env} (after {@link
   * SecretFiles#resolve}), if that is set; its password is required then.
   */
  public static Optional<KeyStoreFile> fromEnvironment(Map<String, String> env, String prefix) {
    String location = env.get(prefix + "_LOCATION");
    if (location == null || location.isBlank()) {
      return Optional.empty();
    }
    String password = env.get(prefix + "_PASSWORD");
    if (password == null) {
      throw new ConfigException(
          prefix + "_PASSWORD",
          "is required with "
              + prefix
              + "_LOCATION="
              + location
              + " (or "
              + prefix
              + "_PASSWORD_FILE naming a file that holds it)");
    }
    return Optional.of(
        new KeyStoreFile(Path.of(location.trim()), password, env.get(prefix + "_TYPE")));
  }

  /** The loaded store; a missing file or a wrong password is a {@link ConfigException}. */
  public KeyStore load() {
    try (InputStream in = Files.newInputStream(location)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          location.toString(),
          "cannot open the "
              + type
              + " key store ("
              + e.getMessage()
              + "): check the file and its password");
    }
  }

  /** A TLS context presenting this store's key and certificate chain (a server's). */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(), password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          location.toString(), "holds no usable private key: " + e.getMessage());
    }
  }

  /** A TLS context trusting exactly this store's certificates (a client's trust store). */
  public SSLContext clientContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          location.toString(), "holds no usable certificates: " + e.getMessage());
    }
  }

  /** The store without its password. */
  @Override
  public String toString() {
    return "KeyStoreFile[location=" + location + ", type=" + type + ", password=[hidden]]";
  }
}
