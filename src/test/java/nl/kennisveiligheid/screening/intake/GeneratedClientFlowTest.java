package nl.kennisveiligheid.screening.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.kennisveiligheid.screening.client.ApiClient;
import nl.kennisveiligheid.screening.client.ApiException;
import nl.kennisveiligheid.screening.client.ApiResponse;
import nl.kennisveiligheid.screening.client.api.ScreeningsApi;
import nl.kennisveiligheid.screening.client.model.Affiliation;
import nl.kennisveiligheid.screening.client.model.AffiliationType;
import nl.kennisveiligheid.screening.client.model.Candidate;
import nl.kennisveiligheid.screening.client.model.CaseStatus;
import nl.kennisveiligheid.screening.client.model.CaseView;
import nl.kennisveiligheid.screening.client.model.ObjectionBody;
import nl.kennisveiligheid.screening.client.model.Page;
import nl.kennisveiligheid.screening.client.model.Position;
import nl.kennisveiligheid.screening.client.model.PositionType;
import nl.kennisveiligheid.screening.client.model.Problem;
import nl.kennisveiligheid.screening.client.model.Research;
import nl.kennisveiligheid.screening.client.model.ScreeningRequest;
import nl.kennisveiligheid.screening.client.model.Summary;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * An HR system's whole flow through the Java client that openapi-generator makes from the committed
 * contract, against the running service: proof that the contract, not only the server, is usable.
 * The client is generated in the test build; a contract a generator cannot use fails here.
 */
@QuarkusTest
class GeneratedClientFlowTest {

    @TestHTTPResource("/")
    URI service;

    private ScreeningsApi screenings(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new ScreeningsApi(client);
    }

    private static ScreeningRequest request(String affiliation, String country) {
        return new ScreeningRequest()
                .externalReference("HR-CLIENT-" + UUID.randomUUID())
                .candidate(new Candidate().fullName("Li Wei").nativeName("李伟").dateOfBirth(LocalDate.of(1990, 4, 1))
                        .nationalities(List.of("CN")).countryOfResidence("CN"))
                .position(new Position().type(PositionType.POSTDOC).title("Postdoctoral researcher")
                        .department("Applied Physics").startDate(LocalDate.of(2027, 2, 1))
                        .endDate(LocalDate.of(2029, 1, 31)))
                .research(new Research().areaCodes(List.of("SEMICONDUCTORS"))
                        .description("Process control for EUV lithography").keywords(List.of("EUV lithography")))
                .affiliations(List.of(new Affiliation().name(affiliation).country(country).type(AffiliationType.EDUCATION)
                        .from(LocalDate.of(2012, 9, 1)).to(LocalDate.of(2019, 7, 1))))
                .funding(List.of());
    }

    @Test
    void anHrSystemSubmitsReadsListsWithdrawsAndObjectsThroughTheGeneratedClient() throws Exception {
        ScreeningsApi api = screenings(Tokens.demoUniversity());

        ScreeningRequest flaggedRequest = request("Harbin Institute of Technology", "CN");
        ApiResponse<CaseView> created = api.submitScreeningWithHttpInfo(flaggedRequest);
        assertThat(created.getStatusCode()).isEqualTo(201);
        CaseView flagged = created.getData();
        assertThat(flagged.getStatus()).isEqualTo(CaseStatus.FLAGGED);
        assertThat(created.getHeaders().get("location")).singleElement().asString().endsWith(flagged.getId().toString());

        ApiResponse<CaseView> again = api.submitScreeningWithHttpInfo(flaggedRequest);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getData().getId()).isEqualTo(flagged.getId());

        CaseView read = api.getScreening(flagged.getId());
        assertThat(read.getExternalReference()).isEqualTo(flaggedRequest.getExternalReference());
        assertThat(read.getAssessment().getIndicators()).isNotEmpty();

        Page page = api.listScreenings(null, 0, 100, CaseStatus.FLAGGED, null);
        assertThat(page.getItems()).extracting(Summary::getId).contains(flagged.getId());
        assertThat(page.getItems()).extracting(Summary::getStatus).containsOnly(CaseStatus.FLAGGED);

        CaseView withdrawn = api.withdrawScreening(flagged.getId(), new java.util.LinkedHashMap<String, Object>());
        assertThat(withdrawn.getStatus()).isEqualTo(CaseStatus.WITHDRAWN);

        ApiException notDecided = catchThrowableOfType(ApiException.class,
                () -> api.lodgeObjection(flagged.getId(), new ObjectionBody().grounds("Nothing was decided")));
        assertThat(notDecided.getCode()).isEqualTo(409);
        assertThat(notDecided.getResponseHeaders().firstValue("content-type")).hasValue("application/problem+json");
        Problem conflict = new ObjectMapper().readValue(notDecided.getResponseBody(), Problem.class);
        assertThat(conflict.getStatus()).isEqualTo(409);

        CaseView cleared = api.submitScreening(request("Delft University of Technology", "NL"));
        assertThat(cleared.getStatus()).isEqualTo(CaseStatus.CLEARED);
        ApiException noInterest = catchThrowableOfType(ApiException.class, () -> api.lodgeObjection(cleared.getId(),
                new ObjectionBody().grounds("The conditions of employment were misread.")));
        assertThat(noInterest.getCode()).isEqualTo(409);
        assertThat(new ObjectMapper().readValue(noInterest.getResponseBody(), Problem.class).getType())
                .as("a decision that grants all that was asked leaves nothing to object to")
                .hasToString("https://screening.kennisveiligheid.nl/problems/no-interest");
        assertThat(api.getScreening(cleared.getId()).getStatus()).isEqualTo(CaseStatus.CLEARED);
    }

    @Test
    void anotherInstitutionsCaseIsA404ProblemThroughTheGeneratedClient() throws Exception {
        CaseView own = screenings(Tokens.demoUniversity()).submitScreening(request("Delft University of Technology", "NL"));
        ApiException hidden = catchThrowableOfType(ApiException.class,
                () -> screenings(Tokens.hrClient(Tokens.OTHER_INSTITUTE)).getScreening(own.getId()));
        assertThat(hidden.getCode()).isEqualTo(404);
        Problem problem = new ObjectMapper().readValue(hidden.getResponseBody(), Problem.class);
        assertThat(problem.getType().toString()).endsWith("/not-found");
    }
}
