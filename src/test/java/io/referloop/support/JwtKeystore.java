package io.referloop.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PKCS12 keystore with an RSA key pair and its self-signed certificate, made by the JDK's keytool as an
 * administrator would for a Salesforce connected app's JWT bearer flow.
 */
public record JwtKeystore(Path file, String password, X509Certificate certificate, PrivateKey privateKey) {

    public static final String ALIAS = "referloop";

    public static JwtKeystore create(Path dir, String name, String password) throws Exception {
        Path file = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-validity", "2",
                "-dname", "CN=referloop-" + name, "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password, "-noprompt"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        return new JwtKeystore(file, password, (X509Certificate) keystore.getCertificate(ALIAS),
                (PrivateKey) keystore.getKey(ALIAS, password.toCharArray()));
    }

    /** {@code file:...}, as {@code referloop.salesforce.keystore-resource} takes it. */
    public String resource() {
        return "file:" + file.toAbsolutePath();
    }
}
