package nl.kennisveiligheid.screening.periods;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.cases.LapsedQuestions;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.TestClock;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The law's periods through the API, with the service's clock set to the instants that matter. The
 * scenarios are written for 2027 and run 28 years later when 2027 has passed: weekdays, and so the
 * fixed-date holidays and King's Day used here, repeat every 28 years (this test avoids Easter).
 */
@QuarkusTest
class LegalClockApiTest {

    @Inject
    LapsedQuestions lapsedQuestions;

    @Inject
    jakarta.persistence.EntityManager em;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    /** The scenario's year: 2027, or 28 years on once the service's policy could not be in effect then. */
    static final int SHIFT = Year.now().getValue() < 2027 ? 0 : 28 * ((Year.now().getValue() - 2027) / 28 + 1);

    static void at(String amsterdam2027) {
        TestClock.setAmsterdam(LocalDateTime.parse(amsterdam2027).plusYears(SHIFT).toString());
    }

    static String day(String date2027) {
        return LocalDate.parse(date2027).plusYears(SHIFT).toString();
    }

    static String flagged() {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(Requests.flagged())
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse act(String user, String id, String action, Object body) {
        return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews/" + id + "/" + action).then();
    }

    static ValidatableResponse hr(String id, String action, Object body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings/" + id + "/" + action).then();
    }

    static ValidatableResponse hrView(String id) {
        return given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id).then().statusCode(200);
    }

    /** A flagged case received and approved with conditions (an outcome one may object to) at these times. */
    static String decidedWithConditions(String receivedAt, String decidedAt) {
        at(receivedAt);
        String id = flagged();
        act("officer1", id, "assignment", "{}").statusCode(200);
        at(decidedAt);
        act("officer1", id, "decision", Map.of("outcome", "APPROVED_WITH_CONDITIONS", "reasoning",
                "No direct link; conditions on lab access", "conditions", List.of("No access to the clean room")))
                .statusCode(200);
        return id;
    }

    @Test
    void aDecisionIsDueFourWeeksAfterTheDayOfReceiptAtTheEndOfTheDayInAmsterdam() {
        at("2027-01-04T23:30:00");
        String id = flagged();
        // Received late on Monday 4 January: due at the end of Monday 1 February, Amsterdam (23:00 UTC).
        hrView(id).body("decisionDueDate", equalTo(day("2027-02-01")))
                .body("decisionDue", equalTo(day("2027-02-01") + "T23:00:00Z"));
    }

    @Test
    void anObjectionAt2330OnTheLastDayIsOnTimeAndAt0010TheDayAfterIsLate() {
        // Decided on Monday 1 November: the objection period is the six weeks up to Monday 13 December.
        String onTime = decidedWithConditions("2027-11-01T09:00:00", "2027-11-01T15:00:00");
        String late = decidedWithConditions("2027-11-01T09:00:00", "2027-11-01T15:00:00");
        at("2027-12-13T23:30:00");
        hr(onTime, "objections", Map.of("grounds", "The conditions are disproportionate")).statusCode(200)
                .body("status", equalTo("OBJECTED"))
                // Awb 7:10: six weeks from the day after the objection period ended on 13 December.
                .body("decisionDueDate", equalTo(day("2028-01-24")));
        // Awb 7:10(3): the decision on an objection may be put off once, by six weeks.
        act("officer1", onTime, "extension", Map.of("reason", "I decided it")).statusCode(409);
        act("lead1", onTime, "extension", Map.of("reason", "Hearing of the institution planned")).statusCode(200)
                .body("decisionDueDate", equalTo(day("2028-03-06")));
        act("lead1", onTime, "extension", Map.of("reason", "again")).statusCode(409)
                .body("type", containsString("already-extended"));
        at("2027-12-14T00:10:00");
        hr(late, "objections", Map.of("grounds", "The conditions are disproportionate")).statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("objection-period-ended"))
                .body("periodEnd", equalTo(day("2027-12-13")));
        hrView(late).body("status", equalTo("APPROVED_WITH_CONDITIONS"));
    }

    @Test
    void anObjectionPeriodEndingOnKingsDayRunsToTheNextDay() {
        // Decided Tuesday 16 March; six weeks end on Tuesday 27 April, King's Day: the period runs to the 28th.
        String id = decidedWithConditions("2027-03-15T09:00:00", "2027-03-16T11:00:00");
        at("2027-04-28T22:00:00");
        hr(id, "objections", Map.of("grounds", "Filed the day after King's Day")).statusCode(200)
                .body("status", equalTo("OBJECTED"));
    }

    @Test
    void aLateObjectionIsKeptAndAnUninvolvedOfficerMayAdmitItWithAReason() {
        String id = decidedWithConditions("2027-11-01T09:00:00", "2027-11-01T15:00:00");
        at("2027-12-15T10:00:00");
        hr(id, "objections", Map.of("grounds", "The letter reached us late")).statusCode(409)
                .body("periodEnd", equalTo(day("2027-12-13")));
        act("officer2", id, "late-objection-admission", Map.of("reason", "")).statusCode(400);
        act("officer1", id, "late-objection-admission", Map.of("reason", "Postal strike"))
                .statusCode(409).body("type", containsString("officer-involved"));
        act("officer2", id, "late-objection-admission", Map.of("reason", "Postal strike shown by the institution"))
                .statusCode(200).body("status", equalTo("OBJECTED"))
                .body("objectionGrounds", equalTo("The letter reached us late"))
                .body("history.action", hasItem("LATE_OBJECTION_ADMITTED"))
                // Counted from the receipt of the late objection, Wednesday 15 December: six weeks on.
                .body("decisionDueDate", equalTo(day("2028-01-26")));
        act("officer3", id, "late-objection-admission", Map.of("reason", "again")).statusCode(409)
                .body("type", containsString("no-late-objection"));
    }

    @Test
    void aSuspensionOfNineDaysMovesTheDueDateByNineDays() {
        at("2027-01-04T10:00:00");
        String id = flagged();
        hrView(id).body("decisionDueDate", equalTo(day("2027-02-01")));
        act("officer1", id, "assignment", "{}").statusCode(200);
        at("2027-01-05T11:00:00");
        act("officer1", id, "information-requests", Map.of("question", "Which lab will the candidate work in?",
                "replyBy", day("2027-01-20"))).statusCode(200).body("status", equalTo("INFORMATION_REQUESTED"))
                .body("overdue", equalTo(false));
        hrView(id).body("status", equalTo("INFORMATION_REQUESTED"))
                .body("openQuestions", hasSize(1))
                .body("openQuestions[0].question", equalTo("Which lab will the candidate work in?"))
                .body("openQuestions[0].replyBy", equalTo(day("2027-01-20")));
        at("2027-01-14T16:00:00");
        hr(id, "information", Map.of("answer", "The photonics lab, building 3")).statusCode(200)
                .body("status", equalTo("IN_REVIEW"))
                .body("openQuestions", hasSize(0))
                .body("decisionDueDate", equalTo(day("2027-02-10")));
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + id).then().statusCode(200)
                .body("assigneeName", equalTo("officer1"))
                .body("questions[0].state", equalTo("ANSWERED"))
                .body("questions[0].suspendedDays", equalTo(9))
                .body("questions[0].answer", equalTo("The photonics lab, building 3"))
                .body("history.action", hasItem("INFORMATION_RECEIVED"));
        hr(id, "information", Map.of("answer", "again")).statusCode(409).body("type", containsString("no-open-question"));
        // The question and the answer are events of their own on the decision log, their text encrypted.
        @SuppressWarnings("unchecked")
        List<String> events = em.createNativeQuery("select body from outbox_event where record_key = ?1"
                + " and type in ('INFORMATION_REQUESTED', 'INFORMATION_RECEIVED') order by id").setParameter(1, id)
                .getResultList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).contains("\"type\":\"INFORMATION_REQUESTED\"", "\"replyBy\":\"" + day("2027-01-20") + "\"")
                .doesNotContain("photonics", "Which lab");
        assertThat(events.get(1)).contains("\"type\":\"INFORMATION_RECEIVED\"", "\"suspendedDays\":9",
                "\"state\":\"ANSWERED\"").doesNotContain("photonics");
    }

    @Test
    void aSuspensionEndingOnKingsDayMovesTheDueDatePastIt() {
        at("2027-03-16T10:00:00");
        String id = flagged();
        act("officer1", id, "assignment", "{}").statusCode(200);
        at("2027-03-17T10:00:00");
        act("officer1", id, "information-requests", Map.of("question", "Funding letter?", "replyBy", day("2027-04-30")))
                .statusCode(200);
        at("2027-03-31T10:00:00");
        // Due 13 April; fourteen days on, 27 April is King's Day: the period runs to the end of the 28th.
        hr(id, "information", Map.of("answer", "Attached in the HR file")).statusCode(200)
                .body("decisionDueDate", equalTo(day("2027-04-28")));
    }

    @Test
    void aReplyByDatePassingUnusedEndsTheSuspension() {
        at("2027-01-04T10:00:00");
        String id = flagged();
        act("officer1", id, "assignment", "{}").statusCode(200);
        at("2027-01-05T10:00:00");
        act("officer1", id, "information-requests", Map.of("question", "CV please", "replyBy", day("2027-01-12")))
                .statusCode(200);
        at("2027-01-12T20:00:00");
        lapsedQuestions.closeLapsed();
        // The reply-by day itself is still the institution's.
        hrView(id).body("status", equalTo("INFORMATION_REQUESTED"));
        at("2027-01-13T08:00:00");
        assertThat(lapsedQuestions.closeLapsed()).isGreaterThanOrEqualTo(1);
        // Suspended from 6 to 12 January, seven days: due Monday 8 February instead of 1 February.
        hrView(id).body("status", equalTo("IN_REVIEW")).body("decisionDueDate", equalTo(day("2027-02-08")));
        hr(id, "information", Map.of("answer", "too late")).statusCode(409);
    }

    @Test
    void aRequestWithoutAReplyByDateIsRefusedAndChangesNothing() {
        String id = flagged();
        act("officer1", id, "assignment", "{}").statusCode(200);
        act("officer1", id, "information-requests", Map.of("question", "CV please")).statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("replyBy"));
        act("officer1", id, "information-requests", Map.of("question", "CV please", "replyBy", "2020-01-01"))
                .statusCode(400).body("errors.field", hasItem("replyBy"));
        act("officer2", id, "information-requests", Map.of("question", "CV please", "replyBy", "2099-01-01"))
                .statusCode(409).body("type", containsString("not-assignee"));
        hrView(id).body("status", equalTo("IN_REVIEW")).body("openQuestions", hasSize(0));
    }

    @Test
    void anExtensionCountsFromTheCurrentDueDateEvenWhenItHasPassed() {
        at("2027-01-04T10:00:00");
        String id = flagged();
        act("officer1", id, "assignment", "{}").statusCode(200);
        at("2027-02-10T10:00:00");
        act("officer2", id, "extension", Map.of("reason", "Waiting")).statusCode(409)
                .body("type", containsString("not-assignee"));
        act("officer1", id, "extension", Map.of("reason", "Complex ownership structure")).statusCode(200);
        // Overdue since 1 February; four weeks from then, not from today.
        hrView(id).body("decisionDueDate", equalTo(day("2027-03-01")))
                .body("extensionReason", equalTo("Complex ownership structure"));
    }

    @Test
    void aTeamLeadExtendsAndReassignsButDoesNotDecide() {
        String id = flagged();
        act("officer1", id, "assignment", "{}").statusCode(200);
        // officer2 signs in once, so the service knows the user name.
        given().auth().oauth2(Tokens.user("officer2")).get("/api/v1/reviews").then().statusCode(200);
        act("lead1", id, "reassignment", Map.of("assignee", "officer2", "reason", "officer1 is on leave"))
                .statusCode(200).body("assigneeName", equalTo("officer2")).body("status", equalTo("IN_REVIEW"))
                .body("history.action", hasItem("REASSIGNED"));
        act("officer2", id, "decision", Map.of("outcome", "APPROVED", "reasoning", "No concern", "conditions", List.of()))
                .statusCode(200);
        String other = flagged();
        act("lead1", other, "extension", Map.of("reason", "Team capacity")).statusCode(200)
                .body("extended", equalTo(true));
        act("lead1", other, "assignment", "{}").statusCode(403);
        act("lead1", other, "decision", Map.of("outcome", "APPROVED", "reasoning", "x", "conditions", List.of()))
                .statusCode(403);
        act("lead1", other, "reassignment", Map.of("assignee", "nobody-known", "reason", "x")).statusCode(400)
                .body("errors.field", hasItem("assignee"));
        act("officer1", other, "reassignment", Map.of("assignee", "officer2", "reason", "x")).statusCode(403);
        act("officer1", other, "assignment", "{}").statusCode(200);
        given().auth().oauth2(Tokens.user("lead1")).contentType(ContentType.JSON)
                .body("{\"assignee\": null, \"reason\": \"Back to the pool\"}")
                .post("/api/v1/reviews/" + other + "/reassignment").then().statusCode(200)
                .body("status", equalTo("FLAGGED")).body("assigneeName", nullValue());
    }

    @Test
    void aLeadNeverGivesAnObjectionToAnOfficerWhoTookPartInTheDecision() {
        String id = decidedWithConditions("2027-01-04T09:00:00", "2027-01-04T15:00:00");
        at("2027-01-20T10:00:00");
        hr(id, "objections", Map.of("grounds", "Disproportionate")).statusCode(200);
        given().auth().oauth2(Tokens.user("officer3")).get("/api/v1/reviews").then().statusCode(200);
        act("lead1", id, "reassignment", Map.of("assignee", "officer1", "reason", "Knows the file")).statusCode(409)
                .body("type", containsString("officer-involved"));
        act("lead1", id, "reassignment", Map.of("assignee", "officer3", "reason", "Took no part")).statusCode(200)
                .body("status", equalTo("IN_REVIEW")).body("assigneeName", equalTo("officer3"));
    }

    @Test
    void anObjectedCaseCannotBeWithdrawnButItsObjectionCan() {
        String id = decidedWithConditions("2027-01-04T09:00:00", "2027-01-04T15:00:00");
        at("2027-01-20T10:00:00");
        hr(id, "objections", Map.of("grounds", "Disproportionate")).statusCode(200);
        hr(id, "withdrawal", "{}").statusCode(409).contentType("application/problem+json")
                .body("type", containsString("objection-pending"));
        hr(id, "objection-withdrawal", "{}").statusCode(200).body("status", equalTo("APPROVED_WITH_CONDITIONS"));
        hr(id, "objection-withdrawal", "{}").statusCode(409).body("type", containsString("no-objection"));
        given().auth().oauth2(Tokens.officer1()).get("/api/v1/reviews/" + id).then()
                .body("history.action", hasItem("OBJECTION_WITHDRAWN"));
    }

    @Test
    void aWhollyFavourableDecisionCannotBeObjectedTo() {
        String cleared = given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(Requests.clean()).post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        hr(cleared, "objections", Map.of("grounds", "We object")).statusCode(409)
                .contentType("application/problem+json").body("type", containsString("no-interest"));
        String approved = flagged();
        act("officer1", approved, "assignment", "{}").statusCode(200);
        act("officer1", approved, "decision", Map.of("outcome", "APPROVED", "reasoning", "Fine", "conditions", List.of()))
                .statusCode(200);
        hr(approved, "objections", Map.of("grounds", "We object")).statusCode(409)
                .body("type", containsString("no-interest"));
        hrView(approved).body("status", equalTo("APPROVED"));
    }
}
