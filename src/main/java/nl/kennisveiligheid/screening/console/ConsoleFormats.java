package nl.kennisveiligheid.screening.console;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates and times as a Dutch officer reads them: in Dutch time, in the page's language. */
@TemplateExtension
public final class ConsoleFormats {

    static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    private ConsoleFormats() {}

    static String at(Instant instant, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale(locale)).withZone(NETHERLANDS).format(instant);
    }

    static String day(LocalDate date, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale(locale))
                .format(date);
    }

    /** The first eight characters of an id: enough to tell cases apart on a screen. */
    static String shortId(java.util.UUID id) {
        return id.toString().substring(0, 8);
    }

    /** A figure's chart, laid out. */
    static nl.kennisveiligheid.screening.figures.ChartLayout layout(nl.kennisveiligheid.screening.figures.Figure figure) {
        return nl.kennisveiligheid.screening.figures.ChartLayout.of(figure);
    }

    /** A figure's number in the page's language (one decimal at most); a dash where nothing was measured. */
    static String figure(Double value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (value == null) {
            return "–";
        }
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(locale(locale));
        format.setMaximumFractionDigits(1);
        format.setGroupingUsed(false);
        return format.format(value);
    }

    /** The start of a long identifier (a token subject), enough to tell people apart on a screen. */
    static String shortText(String value) {
        return value.length() <= 8 ? value : value.substring(0, 8);
    }

    /** A value for a link's query. */
    static String urlEncoded(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An enum's name as a query value. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Locale locale(Object locale) {
        return locale instanceof Locale l ? l : Locale.ENGLISH;
    }
}
