package io.parley.api;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.parley.telephony.TwilioNotConfiguredException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/** Turns the failures behind the API into JSON errors that say what went wrong and who can fix it. */
public final class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class.getName());

    private ApiExceptionMappers() {
    }

    /** 503: the server lacks settings; the message names them. */
    @Provider
    public static class NotConfigured implements ExceptionMapper<TwilioNotConfiguredException> {
        @Override
        public Response toResponse(TwilioNotConfiguredException e) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse();
        }
    }

    /** 502: Twilio answered with an error; its code and message are passed on. */
    @Provider
    public static class TwilioRejected implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            LOG.warning(() -> "Twilio refused the request: " + e.getCode() + " " + e.getMessage());
            return new ApiError(Response.Status.BAD_GATEWAY.getStatusCode(),
                    "Twilio refused the request (HTTP " + e.getStatusCode() + ")", e.getCode(), e.getMessage())
                    .toResponse();
        }
    }

    /** 502: Twilio's REST API did not answer (network, DNS, TLS). */
    @Provider
    public static class TwilioUnreachable implements ExceptionMapper<ApiConnectionException> {
        @Override
        public Response toResponse(ApiConnectionException e) {
            LOG.warning(() -> "Twilio's REST API could not be reached: " + e.getMessage());
            return ApiError.of(Response.Status.BAD_GATEWAY, "Twilio's REST API could not be reached: " + e.getMessage())
                    .toResponse();
        }
    }

    /** 400: a request body that could not be read as the JSON the method expects. */
    @Provider
    public static class MalformedBody implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ApiError.of(Response.Status.BAD_REQUEST, "Malformed JSON body: " + cause.getMessage()).toResponse();
        }
    }

    /** Errors the REST layer raises itself (malformed JSON, unknown path, wrong method) keep their status. */
    @Provider
    public static class RestErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
            return new ApiError(status, message, null, null).toResponse();
        }
    }
}
