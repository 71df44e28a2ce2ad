package io.parley.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every error the API answers with. {@code twilioCode} and {@code twilioMessage} are set
 * when the error came from Twilio's REST API; null fields are left out of the JSON.
 */
public record ApiError(int status, String error, Integer twilioCode, String twilioMessage) {

    public static ApiError of(Response.Status status, String error) {
        return new ApiError(status.getStatusCode(), error, null, null);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this);
    }
}
