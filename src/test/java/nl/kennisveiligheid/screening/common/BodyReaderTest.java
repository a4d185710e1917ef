package nl.kennisveiligheid.screening.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.Validation;
import nl.kennisveiligheid.screening.intake.ScreeningRequest;
import nl.kennisveiligheid.screening.support.Requests;
import org.junit.jupiter.api.Test;

/** Every problem of a body at once, with its path: unknown fields, wrong types and constraint violations. */
class BodyReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    static BodyReader reader() {
        BodyReader reader = new BodyReader();
        reader.mapper = JSON;
        reader.validator = Validation.buildDefaultValidatorFactory().getValidator();
        reader.init();
        return reader;
    }

    @Test
    void unknownFieldsWrongTypesAndViolationsComeTogether() {
        var body = Requests.clean();
        body.put("surname", "x");
        Requests.candidate(body).put("dateOfBirth", "31-12-1990");
        Requests.candidate(body).put("fullName", "");
        Requests.position(body).put("type", "ASTRONAUT");
        Requests.research(body).put("keywords", "not an array");
        Requests.affiliation(body).put("city", "Delft");
        BodyReader.Read<ScreeningRequest> read = reader().read(JSON.valueToTree(body), ScreeningRequest.class);
        assertThat(read.valid()).isFalse();
        assertThat(read.value()).isNull();
        assertThat(read.errors()).extracting(Problem.FieldError::field).contains("surname", "candidate.dateOfBirth",
                "candidate.fullName", "position.type", "research.keywords", "affiliations[0].city");
        assertThat(read.errors()).filteredOn(e -> e.field().equals("position.type")).extracting(Problem.FieldError::message)
                .allMatch(m -> m.startsWith("must be one of"));
    }

    @Test
    void aValidBodyIsReadAsIs() {
        var body = Requests.clean();
        BodyReader.Read<ScreeningRequest> read = reader().read(JSON.valueToTree(body), ScreeningRequest.class);
        assertThat(read.errors()).isEmpty();
        assertThat(read.value().candidate().fullName()).isEqualTo("Li Wei");
        assertThat(reader().read(JSON.createArrayNode(), ScreeningRequest.class).errors())
                .extracting(Problem.FieldError::message).containsExactly("must be a JSON object");
    }
}
