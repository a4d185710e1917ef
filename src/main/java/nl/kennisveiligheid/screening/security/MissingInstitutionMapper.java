package nl.kennisveiligheid.screening.security;

import jakarta.ws.rs.core.Response;
import nl.kennisveiligheid.screening.common.Problems;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class MissingInstitutionMapper {

    @ServerExceptionMapper
    public Response missingInstitution(MissingInstitutionException e) {
        return Problems.response(403, "missing-institution", "No institution in token",
                "The client's token carries no 'institution' claim; ask the realm administrator to add it.");
    }
}
