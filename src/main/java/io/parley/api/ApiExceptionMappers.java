package io.parley.api;

import io.parley.store.StoreUnavailableException;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.parley.http.RequestRefusedException;
import io.parley.telephony.TwilioNotConfiguredException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the failures behind every REST path (the API and the webhooks) into JSON errors that say, in plain
 * words, what went wrong and who can fix it. No answer names a class, a framework message or a stack: what the
 * server knows beyond the plain words goes to its log.
 */
public final class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class.getName());

    private ApiExceptionMappers() {
    }

    /** 409: a show operation that does not fit where the caller is (or a caller who has left). */
    @Provider
    public static class ShowConflicts implements ExceptionMapper<io.parley.show.ShowConflict> {
        @Override
        public Response toResponse(io.parley.show.ShowConflict e) {
            return ApiError.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
        }
    }

    /** 503: the server lacks settings; the message names them. */
    @Provider
    public static class NotConfigured implements ExceptionMapper<TwilioNotConfiguredException> {
        @Override
        public Response toResponse(TwilioNotConfiguredException e) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse();
        }
    }

    /** 503 with {@code Retry-After}: the database cannot answer a read now. */
    @Provider
    public static class StoreUnavailable implements ExceptionMapper<StoreUnavailableException> {
        @Override
        public Response toResponse(StoreUnavailableException e) {
            return new ApiError(503, e.getMessage(), null, null).toResponseBuilder().header("Retry-After", 5).build();
        }
    }

    /** 400, 403, 429 (with {@code Retry-After}), ...: a request Parley refused, in the words it chose. */
    @Provider
    public static class Refused implements ExceptionMapper<RequestRefusedException> {
        @Override
        public Response toResponse(RequestRefusedException e) {
            Response.ResponseBuilder response = new ApiError(e.status(), e.getMessage(), null, null).toResponseBuilder();
            e.retryAfter().ifPresent(wait -> response.header("Retry-After", wait.toSeconds()));
            return response.build();
        }
    }

    /** 502: Twilio answered with an error; its code and message are passed on. */
    @Provider
    public static class TwilioRejected implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            LOG.warning(() -> "Twilio refused the request: " + e.getCode() + " " + e.getMessage());
            String status = e.getStatusCode() == null ? "" : " (HTTP " + e.getStatusCode() + ")";
            return new ApiError(Response.Status.BAD_GATEWAY.getStatusCode(), "Twilio refused the request" + status,
                    e.getCode(), e.getMessage()).toResponse();
        }
    }

    /** 502: Twilio's REST API did not answer (network, DNS, TLS). */
    @Provider
    public static class TwilioUnreachable implements ExceptionMapper<ApiConnectionException> {
        @Override
        public Response toResponse(ApiConnectionException e) {
            LOG.warning(() -> "Twilio's REST API could not be reached: " + e.getMessage());
            return ApiError.of(Response.Status.BAD_GATEWAY, "Twilio's REST API could not be reached").toResponse();
        }
    }

    /**
     * Errors the REST layer raises itself (unknown path, wrong method or media type, a parameter it cannot
     * convert) keep their status; the framework's messages are replaced by plain ones.
     */
    @Provider
    public static class RestErrors implements ExceptionMapper<WebApplicationException> {

        @Context
        UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return new ApiError(status, message(e, status), null, null).toResponse();
        }

        private String message(WebApplicationException e, int status) {
            if (e instanceof NotFoundException) {
                return "Nothing here: " + (uri == null ? "this path" : "/" + uri.getPath().replaceFirst("^/", ""));
            }
            if (e instanceof NotAllowedException) {
                return "This path does not take that method; it takes " + String.join(", ", e.getResponse().getAllowedMethods());
            }
            if (e instanceof NotSupportedException) {
                return "This path does not take a body of that Content-Type";
            }
            if (e instanceof NotAcceptableException) {
                return "This path cannot answer in any of the types the Accept header asks for";
            }
            Response.Status known = Response.Status.fromStatusCode(status);
            return known == null ? "Request failed" : known.getReasonPhrase();
        }
    }

    /** 500 for anything else: the client learns only an id to quote; the log has the rest. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Request failed (error " + id + ")", e);
            return ApiError.of(Response.Status.INTERNAL_SERVER_ERROR, "Internal error " + id
                    + "; the server's log has the details").toResponse();
        }
    }
}
