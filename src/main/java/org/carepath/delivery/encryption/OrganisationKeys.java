package org.carepath.delivery.encryption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The organisation's signing keys, from {@code carepath.delivery.keys-dir} (default {@code ./var/keys}):
 * {@code smime-key.pem}, {@code smime-certificate.pem} and {@code pgp-secret-key.asc}, the last unlocked with
 * {@code CAREPATH_PGP_PASSPHRASE}. Missing files are generated once, for the embedded default.
 */
@Configuration(proxyBeanMethods = false)
class OrganisationKeys {

    @Bean
    SmimeEncryptor smimeEncryptor(@Value("${carepath.delivery.keys-dir}") Path folder,
                                  @Value("${carepath.delivery.organisation}") String organisation,
                                  @Value("${carepath.mail.from}") String from,
                                  @Value("${carepath.delivery.pgp-passphrase}") String passphrase) {
        OrganisationKeyFiles.ensure(folder, organisation, from, passphrase.toCharArray());
        return new SmimeEncryptor(privateKey(folder.resolve(OrganisationKeyFiles.SMIME_KEY)),
                certificate(folder.resolve(OrganisationKeyFiles.SMIME_CERTIFICATE)));
    }

    @Bean
    PgpMimeEncryptor pgpMimeEncryptor(@Value("${carepath.delivery.keys-dir}") Path folder,
                                      @Value("${carepath.delivery.organisation}") String organisation,
                                      @Value("${carepath.mail.from}") String from,
                                      @Value("${carepath.delivery.pgp-passphrase}") String passphrase) {
        OrganisationKeyFiles.ensure(folder, organisation, from, passphrase.toCharArray());
        return new PgpMimeEncryptor(read(folder.resolve(OrganisationKeyFiles.PGP_SECRET_KEY)),
                passphrase.toCharArray());
    }

    static PrivateKey privateKey(Path pem) {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(pem))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalStateException(pem + " holds no private key");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the S/MIME signing key " + pem, e);
        }
    }

    static X509Certificate certificate(Path pem) {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the S/MIME signing certificate " + pem, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
