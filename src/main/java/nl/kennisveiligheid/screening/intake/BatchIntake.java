package nl.kennisveiligheid.screening.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.kennisveiligheid.screening.common.BodyReader;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.Problem;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.common.Problems;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Many requests in one call: each item is read, checked and stored in a transaction of its own, a
 * few at a time, so one bad item never blocks the others; the results keep the items' order.
 */
@ApplicationScoped
public class BatchIntake {

    /** Items at most per batch. */
    public static final int MAX_ITEMS = 100;
    private static final int PARALLEL = 8;

    @Inject
    IntakeService intake;

    @Inject
    BodyReader reader;

    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "batch-intake");
        t.setDaemon(true);
        return t;
    });

    /** One item's outcome: 201 with the new case, 200 with the case it created before, or a 4xx problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, int status, @JsonProperty("case") @Schema(name = "case") CaseView caseView,
            Problem problem) {}

    public record Results(List<Result> results) {}

    public Results submit(String institution, List<JsonNode> items) {
        List<Future<Result>> futures = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            futures.add(pool.submit(() -> one(institution, index, items.get(index))));
        }
        List<Result> results = new ArrayList<>(items.size());
        for (Future<Result> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a batch was stored");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return new Results(results);
    }

    private Result one(String institution, int index, JsonNode item) {
        BodyReader.Read<ScreeningRequest> read = reader.read(item, ScreeningRequest.class);
        if (!read.valid()) {
            return problem(index, Problems.invalid("The request has " + read.errors().size() + " invalid field(s).",
                    read.errors()));
        }
        try {
            IntakeService.Submitted submitted = intake.submit(institution, read.value());
            return new Result(index, submitted.created() ? 201 : 200, submitted.view(), null);
        } catch (InvalidInputException e) {
            return problem(index, Problems.invalid("The request has " + e.errors().size() + " invalid field(s).",
                    e.errors()));
        } catch (ProblemException e) {
            return problem(index, Problems.response(e.status(), e.slug(), e.title(), e.getMessage(), e.periodEnd()));
        }
    }

    private static Result problem(int index, jakarta.ws.rs.core.Response response) {
        return new Result(index, response.getStatus(), null, (Problem) response.getEntity());
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
