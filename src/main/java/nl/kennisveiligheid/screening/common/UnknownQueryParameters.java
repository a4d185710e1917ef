package nl.kennisveiligheid.screening.common;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter the API operation does not declare: {@code ?externalReference=} on an
 * operation without it must be a 400 naming it, never a silently unfiltered answer. Only the API;
 * the console's pages and the framework's endpoints keep their own parameters.
 */
@Provider
public class UnknownQueryParameters implements ContainerRequestFilter {

    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || resource.getResourceMethod() == null) {
            return;
        }
        Set<String> declared = DECLARED.computeIfAbsent(resource.getResourceMethod(), UnknownQueryParameters::declared);
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(request.getUriInfo().getQueryParameters().keySet())) {
            if (!declared.contains(name)) {
                unknown.add(new Problem.FieldError(name, declared.isEmpty() ? "is not a parameter of this operation, "
                        + "which takes none" : "is not a parameter of this operation; it takes " + new TreeSet<>(declared)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
    }

    private static Set<String> declared(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return names;
    }
}
