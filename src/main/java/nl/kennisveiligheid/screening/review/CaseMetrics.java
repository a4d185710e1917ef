package nl.kennisveiligheid.screening.review;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import nl.kennisveiligheid.screening.common.CaseStatus;

/** Gauges of the queue for operators: open cases and overdue cases, read when scraped. No personal data. */
@ApplicationScoped
public class CaseMetrics implements MeterBinder {

    private static final String IN_QUEUE_SQL = CaseStatus.sqlList(CaseStatus.IN_QUEUE);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("screening.cases.open", () -> count("select count(*) from screening_case where status in " + IN_QUEUE_SQL, false))
                .description("Cases waiting for a legal officer").register(registry);
        // A case waiting for the institution's answer is not overdue: its period stands still.
        Gauge.builder("screening.cases.overdue", () -> count("select count(*) from screening_case where status in " + IN_QUEUE_SQL
                        + " and status <> '" + CaseStatus.INFORMATION_REQUESTED.name() + "' and decision_due < ?", true))
                .description("Open cases past their decision deadline").register(registry);
    }

    private double count(String sql, boolean withNow) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (withNow) {
                statement.setTimestamp(1, Timestamp.from(clock.instant()));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Double.NaN;
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
