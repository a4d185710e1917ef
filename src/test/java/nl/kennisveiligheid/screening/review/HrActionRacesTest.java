package nl.kennisveiligheid.screening.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each HR action against an officer's or lead's action on the same case at the same moment: whoever
 * loses gets a 409 problem, never a 500, and the case ends in a state one of them explains.
 */
@QuarkusTest
class HrActionRacesTest {

    static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    static final int ROUNDS = 6;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    static Response hr(String id, String action, Object body) {
        return given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/screenings/" + id + "/" + action);
    }

    static Response staff(String user, String id, String action, Object body) {
        return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews/" + id + "/" + action);
    }

    static String status(String id) {
        return given().auth().oauth2(Tokens.demoUniversity()).get("/api/v1/screenings/" + id).then().statusCode(200)
                .extract().path("status");
    }

    /** Races the two actions on fresh cases and checks every answer and the final state. */
    static void race(Supplier<String> freshCase, Function<String, Response> hrAction, Function<String, Response> other,
            List<String> finalStates) throws Exception {
        // Tokens are fetched before the race, so both requests leave at once.
        Tokens.demoUniversity();
        for (int round = 0; round < ROUNDS; round++) {
            String id = freshCase.get();
            Future<Response> first = POOL.submit(() -> hrAction.apply(id));
            Future<Response> second = POOL.submit(() -> other.apply(id));
            for (Response r : List.of(first.get(), second.get())) {
                assertThat(r.statusCode()).as("round " + round + ": " + r.asString()).isIn(200, 409);
                if (r.statusCode() == 409) {
                    assertThat(r.contentType()).startsWith("application/problem+json");
                }
            }
            assertThat(status(id)).as("round " + round).isIn(finalStates);
        }
    }

    static String objectedCase() {
        String id = ReviewWorkflowTest.flaggedCase();
        ReviewWorkflowTest.take("officer1", id).statusCode(200);
        ReviewWorkflowTest.decide("officer1", id, "APPROVED_WITH_CONDITIONS", List.of("No lab access")).statusCode(200);
        hr(id, "objections", Map.of("grounds", "Disproportionate")).then().statusCode(200);
        return id;
    }

    static String caseWithOpenQuestion() {
        String id = ReviewWorkflowTest.flaggedCase();
        ReviewWorkflowTest.take("officer1", id).statusCode(200);
        staff("officer1", id, "information-requests", Map.of("question", "CV?", "replyBy", "2099-01-01")).then()
                .statusCode(200);
        return id;
    }

    @Test
    void aWithdrawalRacingAnOfficerTakingTheCase() throws Exception {
        Tokens.user("officer2");
        race(ReviewWorkflowTest::flaggedCase, id -> hr(id, "withdrawal", "{}"), id -> staff("officer2", id, "assignment", "{}"),
                List.of("WITHDRAWN", "IN_REVIEW"));
    }

    @Test
    void anObjectionWithdrawalRacingAnUninvolvedOfficerTakingTheObjection() throws Exception {
        Tokens.user("officer2");
        race(HrActionRacesTest::objectedCase, id -> hr(id, "objection-withdrawal", "{}"),
                id -> staff("officer2", id, "assignment", "{}"), List.of("APPROVED_WITH_CONDITIONS", "IN_REVIEW"));
    }

    @Test
    void anAnswerRacingTheLeadMovingTheCase() throws Exception {
        Tokens.user("lead1");
        given().auth().oauth2(Tokens.user("officer2")).get("/api/v1/reviews").then().statusCode(200);
        race(HrActionRacesTest::caseWithOpenQuestion, id -> hr(id, "information", Map.of("answer", "Attached")),
                id -> staff("lead1", id, "reassignment", Map.of("assignee", "officer2", "reason", "Leave")),
                List.of("IN_REVIEW", "INFORMATION_REQUESTED"));
    }

    @Test
    void anObjectionRacingAnOfficerAdmittingALateOne() throws Exception {
        Tokens.user("officer3");
        race(() -> {
            String id = ReviewWorkflowTest.flaggedCase();
            ReviewWorkflowTest.take("officer1", id).statusCode(200);
            ReviewWorkflowTest.decide("officer1", id, "APPROVED_WITH_CONDITIONS", List.of("No lab access")).statusCode(200);
            return id;
        }, id -> hr(id, "objections", Map.of("grounds", "In time")),
                id -> staff("officer3", id, "late-objection-admission", Map.of("reason", "Excusable")),
                List.of("OBJECTED"));
    }
}
