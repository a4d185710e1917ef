package nl.kennisveiligheid.screening.webhooks;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Endpoints the dispatcher disabled after failing for days: an institution no longer hears of its
 * cases until it repairs and re-registers, so operators are told ({@code screening_webhooks_disabled}).
 */
@ApplicationScoped
public class WebhookMetrics implements MeterBinder {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("screening.webhooks.disabled", this, WebhookMetrics::disabled)
                .description("Webhook endpoints disabled after failed deliveries").register(registry);
    }

    private double disabled() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from webhook_subscription where status = 'DISABLED'")) {
            return rs.next() ? rs.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
