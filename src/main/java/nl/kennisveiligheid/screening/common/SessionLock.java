package nl.kennisveiligheid.screening.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL session advisory lock that makes one worker active across replicas (the log's relay,
 * the webhook dispatcher). A connection of its own holds it for as long as it lives: when the
 * holder's process dies, the connection and the lock go with it and another replica takes over.
 * The connection is a {@link DedicatedConnections dedicated} one, never the pool's.
 */
public final class SessionLock {

    private final DedicatedConnections connections;
    private final long key;
    private Connection connection;

    public SessionLock(DedicatedConnections connections, long key) {
        this.connections = connections;
        this.key = key;
    }

    /** Whether this replica still holds the lock; a lost connection means it does not. */
    public synchronized boolean held() {
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

    public synchronized boolean tryAcquire() throws SQLException {
        Connection candidate = connections.open();
        try (Statement s = candidate.createStatement();
                ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + key + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                connection = candidate;
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            candidate.close();
            throw e;
        }
        candidate.close();
        return false;
    }

    public synchronized void release() {
        if (connection == null) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("select pg_advisory_unlock(" + key + ")");
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
