package nl.kennisveiligheid.screening.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console session over plain HTTP, signed in through Keycloak's real login form with the
 * authorization-code flow, as a browser would, so that tests can send what no page would send.
 */
public final class ConsoleSignIn {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]*)\"");

    /** The service's cookies of a signed-in console session. */
    public final Map<String, String> cookies = new HashMap<>();

    private ConsoleSignIn() {}

    public static ConsoleSignIn as(String username) {
        ConsoleSignIn session = new ConsoleSignIn();
        Response start = given().redirects().follow(false).get("/console");
        assertThat(start.statusCode()).as("an anonymous console request goes to Keycloak").isEqualTo(302);
        session.cookies.putAll(start.cookies());

        Response loginPage = given().redirects().follow(false).urlEncodingEnabled(false).get(start.header("Location"));
        Map<String, String> keycloakCookies = new HashMap<>(loginPage.cookies());
        Matcher action = FORM_ACTION.matcher(loginPage.asString());
        assertThat(action.find()).as("Keycloak's login form in %s", loginPage.asString()).isTrue();
        Response loggedIn = given().redirects().follow(false).urlEncodingEnabled(false).cookies(keycloakCookies)
                .formParam("username", username).formParam("password", username + "-pw").formParam("credentialId", "")
                .post(action.group(1).replace("&amp;", "&"));
        assertThat(loggedIn.statusCode()).as("Keycloak accepts the password").isEqualTo(302);

        Response back = given().redirects().follow(false).urlEncodingEnabled(false).cookies(session.cookies)
                .get(loggedIn.header("Location"));
        assertThat(back.statusCode()).as("the service exchanges the code").isIn(302, 303);
        session.cookies.putAll(back.cookies());
        assertThat(session.cookies.keySet()).as("a session cookie").anyMatch(name -> name.startsWith("q_session_console"));
        return session;
    }

    public Response get(String path) {
        return given().redirects().follow(false).cookies(cookies).get(path);
    }

    /** Submits a console form with the form token the page at {@code formPage} offers. */
    public Response post(String formPage, String action, Map<String, String> fields) {
        return given().redirects().follow(false).cookies(cookies).contentType(io.restassured.http.ContentType.URLENC)
                .formParam("csrf-token", formToken(formPage)).formParams(fields).post(action);
    }

    /** The anti-forgery token the given page offers this session. */
    public String formToken(String path) {
        Response page = get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        Matcher token = CSRF.matcher(page.asString());
        assertThat(token.find()).as("a form token on " + path).isTrue();
        return token.group(1);
    }

    /** The cookies as one {@code Cookie} header, for clients other than REST Assured. */
    public String cookieHeader() {
        return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    public static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }
}
