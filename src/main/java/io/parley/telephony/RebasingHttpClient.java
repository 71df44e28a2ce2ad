package io.parley.telephony;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URL;

/**
 * twilio-java's own HTTP client, sending every request to another base URL (a Twilio-compatible mock or a
 * test fake) with the same path, parameters, headers and credentials. twilio-java has no base-URL setting.
 */
final class RebasingHttpClient extends HttpClient {

    private final String baseUrl;
    private final HttpClient network = new NetworkHttpClient();

    RebasingHttpClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        return network.makeRequest(rebase(request));
    }

    Request rebase(Request request) {
        URL original = request.constructURL();
        Request copy = new Request(request.getMethod(), baseUrl + original.getPath());
        request.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        request.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        if (request.getContentType() != null) {
            copy.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return copy;
    }
}
