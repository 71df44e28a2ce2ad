package io.parley.api;

/** Body of {@code POST /api/calls}: {@code to} in E.164, optional caller ID and first words of the agent. */
public record PlaceCallRequest(String to, String from, String greeting) {
}
