package nl.kennisveiligheid.screening.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections to the service's database that are not the pool's. A session advisory lock lives as
 * long as its connection: on a pooled one it would outlive a dead holder (the pool keeps the
 * connection), could be handed to another thread still holding the lock, and would count against
 * the pool that requests need. A short socket time-out makes a connection to a hung server fail
 * instead of blocking its holder.
 */
@ApplicationScoped
public class DedicatedConnections {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "15");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "screening-lock");
        return DriverManager.getConnection(url, properties);
    }
}
