package nl.kennisveiligheid.screening.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import nl.kennisveiligheid.screening.cases.CaseAction;
import nl.kennisveiligheid.screening.cases.OfficerActions;
import nl.kennisveiligheid.screening.common.CaseStatus;
import nl.kennisveiligheid.screening.triage.Assessment;

/**
 * Every word the console shows, in English; Dutch in messages/msg_nl.properties. Templates use them
 * as {msg:key}; the build fails when a template names a key that is missing here.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    @Message("Knowledge-security screening")
    String appTitle();

    @Message("Skip to main content")
    String skipToContent();

    @Message("Signed in as {name}")
    String signedInAs(String name);

    @Message("Sign out")
    String signOut();

    @Message("Language")
    String language();

    @Message("Review queue")
    String queueTitle();

    @Message("Open cases that need a legal officer, the oldest deadline first.")
    String queueIntro();

    @Message("Filter the queue")
    String filterLegend();

    @Message("State")
    String filterState();

    @Message("Every open state")
    String filterAnyState();

    @Message("Assignee (user name)")
    String filterAssignee();

    @Message("Apply filter")
    String filterApply();

    @Message("Only my cases")
    String filterMine();

    @Message("Show all")
    String filterClear();

    @Message("{count} case(s)")
    String caseCount(int count);

    @Message("Case")
    String colCase();

    @Message("Status")
    String colStatus();

    @Message("Received")
    String colReceived();

    @Message("Deadline")
    String colDeadline();

    @Message("Assignee")
    String colAssignee();

    @Message("Risk summary")
    String colRisk();

    @Message("Overdue")
    String overdue();

    @Message("Deadline extended")
    String extended();

    @Message("Objection")
    String objection();

    @Message("Not taken")
    String unassigned();

    @Message("No cases match this filter.")
    String queueEmpty();

    @Message("Areas")
    String areasShort();

    @Message("Indicators")
    String indicatorsShort();

    @Message("{#when status}{#is RECEIVED}Received{#is NOT_REQUIRED}Not required{#is CLEARED}Cleared"
            + "{#is FLAGGED}Flagged{#is IN_REVIEW}In review{#is REFUSAL_PROPOSED}Refusal proposed{#is APPROVED}Approved"
            + "{#is APPROVED_WITH_CONDITIONS}Approved with conditions{#is REFUSED}Refused{#is WITHDRAWN}Withdrawn"
            + "{#is OBJECTED}Objection lodged{#else}{status}{/when}")
    String status(CaseStatus status);

    @Message("{#when action}{#is RECEIVED}Request received{#is DECIDED_AUTOMATICALLY}Decided automatically"
            + "{#is ASSIGNED}Taken{#is RELEASED}Given back to the queue{#is DECIDED}Decided"
            + "{#is REFUSAL_PROPOSED}Refusal proposed{#is REFUSAL_CONFIRMED}Refusal confirmed{#is SENT_BACK}Sent back"
            + "{#is EXTENDED}Deadline extended{#is OBJECTED}Objection lodged{#is WITHDRAWN}Withdrawn{#else}{action}{/when}")
    String historyAction(CaseAction action);

    @Message("{#when type}{#is HIGH_RISK_AFFILIATION}High-risk affiliation{#is HIGH_RISK_FUNDER}High-risk funder"
            + "{#is UNDECLARED_SENSITIVE_AREA}Sensitive area not declared{#is WEAK_ENTITY_MATCH}Weak match to a listed entity"
            + "{#else}{type}{/when}")
    String indicatorType(Assessment.IndicatorType type);

    @Message("{#when done}{#is TAKE}You took this case.{#is RELEASE}The case is back in the queue."
            + "{#is DECIDE}Your decision is recorded.{#is CONFIRM}Your answer to the proposed refusal is recorded."
            + "{#is EXTEND}The deadline is extended.{#else}Done.{/when}")
    String done(OfficerActions.Action done);

    @Message("{#when outcome}{#is 'APPROVED'}Approved{#is 'APPROVED_WITH_CONDITIONS'}Approved with conditions"
            + "{#is 'REFUSED'}Refused{#is 'NOT_REQUIRED'}No screening required{#is 'CLEARED'}Cleared"
            + "{#is 'FLAGGED'}Flagged for a legal officer{#else}{outcome}{/when}")
    String outcome(String outcome);

    @Message("Case {reference}")
    String caseTitle(String reference);

    @Message("Back to the queue")
    String backToQueue();

    @Message("Case id")
    String caseId();

    @Message("Institution")
    String institution();

    @Message("Policy version")
    String policyVersion();

    @Message("What you can do")
    String actionsTitle();

    @Message("There is nothing you can do on this case now.")
    String noActions();

    @Message("Take this case")
    String take();

    @Message("Give it back to the queue")
    String release();

    @Message("Decide")
    String decideTitle();

    @Message("Outcome")
    String outcomeLegend();

    @Message("Approve")
    String outcomeApproved();

    @Message("Approve with conditions")
    String outcomeApprovedWithConditions();

    @Message("Propose refusal (a second officer must confirm it)")
    String outcomeRefused();

    @Message("Reasoning")
    String reasoning();

    @Message("Conditions, one per line (only when approving with conditions)")
    String conditions();

    @Message("Record the decision")
    String submitDecision();

    @Message("Proposed refusal")
    String confirmTitle();

    @Message("Reasoning of the proposal")
    String proposalReasoning();

    @Message("Your answer")
    String answerLegend();

    @Message("Confirm the refusal")
    String agree();

    @Message("Send it back for review")
    String disagree();

    @Message("Submit your answer")
    String submitAnswer();

    @Message("Extend the deadline (once per case)")
    String extendTitle();

    @Message("Reason for the extension")
    String extendReason();

    @Message("Extend the deadline")
    String extendSubmit();

    @Message("Request")
    String requestTitle();

    @Message("Candidate")
    String candidate();

    @Message("Full name")
    String fullName();

    @Message("Name in native script")
    String nativeName();

    @Message("Date of birth")
    String dateOfBirth();

    @Message("Nationalities")
    String nationalities();

    @Message("Country of residence")
    String residence();

    @Message("Position")
    String position();

    @Message("Type")
    String positionType();

    @Message("Title")
    String positionTitle();

    @Message("Department")
    String department();

    @Message("Period")
    String period();

    @Message("Research")
    String research();

    @Message("Declared areas")
    String areaCodes();

    @Message("Description")
    String description();

    @Message("Keywords")
    String keywords();

    @Message("Affiliations")
    String affiliations();

    @Message("Funding")
    String funding();

    @Message("Name")
    String name();

    @Message("Country")
    String country();

    @Message("From – to")
    String fromTo();

    @Message("Funder")
    String funder();

    @Message("None")
    String none();

    @Message("Assessment")
    String assessmentTitle();

    @Message("Automated outcome")
    String assessmentOutcome();

    @Message("Reasons")
    String reasons();

    @Message("Sensitive areas")
    String sensitiveAreas();

    @Message("Found by")
    String matchedBy();

    @Message("Evidence")
    String evidence();

    @Message("\u201c{text}\u201d in {field} matched the term \u201c{term}\u201d")
    String evidenceLine(String text, String field, String term);

    @Message("Risk indicators")
    String indicatorsTitle();

    @Message("List entry")
    String listEntry();

    @Message("Alias or term matched")
    String matchedAlias();

    @Message("Words in the request")
    String matchedText();

    @Message("Score / threshold")
    String scoreThreshold();

    @Message("Explanation")
    String explanation();

    @Message("Decisions")
    String decisionsTitle();

    @Message("Decided by {decidedBy}")
    String decidedBy(String decidedBy);

    @Message("confirmed by {confirmedBy}")
    String confirmedBy(String confirmedBy);

    @Message("History")
    String historyTitle();

    @Message("When")
    String when();

    @Message("Who")
    String who();

    @Message("What")
    String what();

    @Message("The action was not carried out")
    String problemsTitle();

    @Message("{#when field}{#is 'outcome'}Outcome{#is 'reasoning'}Reasoning{#is 'conditions'}Conditions"
            + "{#is 'agree'}Your answer{#is 'reason'}Reason for the extension{#else}{field}{/when}: "
            + "{#when problem}{#is 'required'}this field is required.{#is 'tooLong'}this text is too long."
            + "{#is 'conditionsRequired'}give at least one condition when approving with conditions."
            + "{#is 'conditionsNotAllowed'}only an approval with conditions carries conditions."
            + "{#else}this value is not accepted.{/when}")
    String fieldProblem(String field, String problem);

    @Message("{#when slug}{#is 'already-assigned'}Another officer has taken this case."
            + "{#is 'not-assignee'}Only the officer who took the case acts on it."
            + "{#is 'own-proposal'}A refusal needs a second officer: you cannot confirm your own proposal."
            + "{#is 'officer-involved'}You took part in the decision objected to; another officer handles the objection."
            + "{#is 'already-extended'}The deadline of this case was already extended once."
            + "{#is 'wrong-state'}The case is no longer in a state that allows this action."
            + "{#is 'concurrent-change'}Someone changed this case at the same moment; look at it again and retry."
            + "{#else}The workflow does not allow this action now.{/when}")
    String refusal(String slug);

    @Message("Legal officers only")
    String forbiddenTitle();

    @Message("The console is for legal officers. Your account does not have that role.")
    String forbiddenText();

    @Message("Case not found")
    String notFoundTitle();

    @Message("This case does not exist or is not in the review workflow.")
    String notFoundText();

    @Message("You are signed out")
    String signedOutTitle();

    @Message("Your session has ended. Close the browser on a shared computer.")
    String signedOutText();

    @Message("Sign in again")
    String signInAgain();
}
