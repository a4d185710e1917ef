package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL session advisory lock that makes one relay active across replicas. A connection of
 * its own holds it for as long as it lives: when the holder's process dies, the connection and the
 * lock go with it and another replica takes over.
 */
final class RelayLock {

    static final long KEY = 8124303L;

    private final AgroalDataSource dataSource;
    private Connection connection;

    RelayLock(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether this replica still holds the lock; a lost connection means it does not. */
    synchronized boolean held() {
        if (connection == null) {
            return false;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("select 1");
            return true;
        } catch (SQLException e) {
            release();
            return false;
        }
    }

    synchronized boolean tryAcquire() throws SQLException {
        Connection candidate = dataSource.getConnection();
        try (Statement s = candidate.createStatement();
                ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                connection = candidate;
                return true;
            }
        }
        candidate.close();
        return false;
    }

    synchronized void release() {
        if (connection == null) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("select pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            // The connection is gone, and the lock with it.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Already closed.
        }
        connection = null;
    }
}
