package nl.kennisveiligheid.screening.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Set;
import nl.kennisveiligheid.screening.cases.OfficerActions;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.review.ReviewViews;

/** The console's pages (templates/console/), checked against these parameters when the service is built. */
@CheckedTemplate(basePath = "console")
final class ConsoleTemplates {

    private ConsoleTemplates() {}

    /** The queue's filter as the officer set it. */
    record QueueFilter(String state, String assignee, List<CaseStatus> states) {}

    static native TemplateInstance queue(ConsolePage page, QueueFilter filter, List<ReviewViews.QueueItem> items);

    static native TemplateInstance caseDetail(ConsolePage page, ReviewViews.CaseDetail c,
            Set<OfficerActions.Action> actions, FormState form, OfficerActions.Action done);

    /** A page with a title and one sentence: forbidden, not found, signed out. */
    static native TemplateInstance notice(ConsolePage page, String kind);
}
