package nl.kennisveiligheid.screening.console;

import io.quarkus.qute.TemplateExtension;
import java.util.Set;
import nl.kennisveiligheid.screening.cases.OfficerActions;

/** Lets a page ask whether an action is offered by its name: {#if actions.offers('TAKE')}. */
@TemplateExtension
final class OfferedActions {

    private OfferedActions() {}

    static boolean offers(Set<OfficerActions.Action> actions, String action) {
        return actions.contains(OfficerActions.Action.valueOf(action));
    }
}
