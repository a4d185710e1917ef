package nl.kennisveiligheid.screening.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import nl.kennisveiligheid.screening.common.CanonicalJson;

/** The composed payload is byte for byte what canonicalising the whole payload would give. */
class DecisionPayloadTest {

    @Property(tries = 300)
    void composedPayloadEqualsTheCanonicalFormOfThePayload(@ForAll @StringLength(max = 60) String reasoning,
            @ForAll @StringLength(max = 30) String name, @ForAll @StringLength(max = 20) String condition) {
        String request = CanonicalJson.string(Map.of("candidate", Map.of("fullName", name, "dateOfBirth", "1990-01-02"),
                "externalReference", "HR-1"));
        String assessment = CanonicalJson.string(Map.of("outcome", "FLAGGED", "reasons", List.of(name, "é\u2028\u0007")));
        String conditions = CanonicalJson.string(List.of(condition));
        ObjectNode whole = CanonicalJson.MAPPER.createObjectNode();
        whole.set("request", CanonicalJson.MAPPER.valueToTree(CanonicalJson.read(request, new com.fasterxml.jackson.core.type.TypeReference<Object>() {})));
        whole.set("assessment", CanonicalJson.MAPPER.valueToTree(CanonicalJson.read(assessment, new com.fasterxml.jackson.core.type.TypeReference<Object>() {})));
        whole.put("reasoning", reasoning);
        whole.set("conditions", CanonicalJson.MAPPER.valueToTree(List.of(condition)));
        assertThat(DecisionRecorder.payload(new CaseSnapshot("demo", request, assessment, null, ""), reasoning, conditions))
                .isEqualTo(CanonicalJson.string(whole));
    }
}
