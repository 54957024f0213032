package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import java.util.Properties;

/**
 * The JavaMail session, from SMTP_HOST, SMTP_PORT, SMTP_STARTTLS, SMTP_USERNAME and SMTP_PASSWORD.
 * Authentication switches on when a username is given; timeouts keep a hung server from holding
 * the outbox sender. A private session, not JavaMail's JVM-wide default one, so nothing else in
 * the process can see or replace our credentials.
 */
@Factory
@Requires(property = "smtp.host")
class SmtpSessionFactory {

    @Singleton
    @Replaces(DefaultSessionProvider.class)
    SessionProvider session(@Value("${smtp.host}") String host,
                            @Value("${smtp.port:25}") int port,
                            @Value("${smtp.starttls:false}") boolean startTls,
                            @Value("${smtp.username:}") String username,
                            @Value("${smtp.password:}") String password) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.auth", Boolean.toString(!username.isBlank()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "15000");
        properties.put("mail.smtp.writetimeout", "15000");
        Session session = Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username, password);
            }
        });
        return () -> session;
    }
}
