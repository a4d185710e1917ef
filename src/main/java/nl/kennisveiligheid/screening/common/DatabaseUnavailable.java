package nl.kennisveiligheid.screening.common;

import java.sql.SQLException;

/** Tells a database that is down or restarting from every other fault, to answer 503 rather than 500. */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                // Agroal's pool timeout has no SQL state; its message is the pool's own, never input.
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
