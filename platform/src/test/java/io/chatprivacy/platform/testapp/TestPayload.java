package io.chatprivacy.platform.testapp;

/** The data of the test events. */
public record TestPayload(String marker, int sequence) {}
