package nl.kennisveiligheid.screening.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Set;
import nl.kennisveiligheid.screening.cases.OfficerActions;
import nl.kennisveiligheid.screening.review.ReviewViews;
import nl.kennisveiligheid.screening.figures.FigureQueries;
import nl.kennisveiligheid.screening.review.TeamOverview;

/** The console's pages (templates/console/), checked against these parameters when the service is built. */
@CheckedTemplate(basePath = "console")
final class ConsoleTemplates {

    private ConsoleTemplates() {}

    /** One page of the queue or the archive, how many match in all, and the open questions of suspended cases. */
    record CaseList(List<ReviewViews.QueueItem> items, int total, int page,
            java.util.Map<java.util.UUID, ReviewViews.QuestionEntry> questions) {

        public int pages() {
            return (int) Math.max(1, (total + CaseListQuery.PAGE_SIZE - 1) / CaseListQuery.PAGE_SIZE);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }

        public boolean hasNext() {
            return page < pages();
        }
    }

    static native TemplateInstance queue(ConsolePage page, CaseListQuery filter, CaseList list);

    static native TemplateInstance caseDetail(ConsolePage page, ReviewViews.CaseDetail c,
            Set<OfficerActions.Action> actions, FormState form, OfficerActions.Action done);

    static native TemplateInstance team(ConsolePage page, List<TeamOverview.OfficerLoad> load,
            List<TeamOverview.AgeBand> unassigned, List<TeamOverview.WaitingCase> waiting, List<String> officers,
            ReviewViews.CaseDetail moving, FormState form, boolean moved);

    static native TemplateInstance figures(ConsolePage page, FigureQueries.Figures figures);

    static native TemplateInstance audit(ConsolePage page, AuditPages.Overview audit, FormState form);

    static native TemplateInstance replay(ConsolePage page, nl.kennisveiligheid.screening.replay.ReplayReport report);

    static native TemplateInstance auditCase(ConsolePage page, String query, List<AuditPages.CaseMatch> found,
            AuditPages.CaseLog log);

    static native TemplateInstance policies(ConsolePage page, List<PolicyPages.VersionRow> versions,
            UploadState upload);

    static native TemplateInstance policyDiff(ConsolePage page, String from, String to, List<PolicyPages.Section> sections);

    static native TemplateInstance policyVersion(ConsolePage page, PolicyPages.VersionRow v, String previous,
            PolicyPages.Progress rescreening, String me, FormState form, UploadState upload, String done);

    /** A page with a title and one sentence: forbidden, not found, signed out. */
    static native TemplateInstance notice(ConsolePage page, String kind);
}
