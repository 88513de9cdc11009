package io.chatprivacy.platform.text;

/**
 * The longest text each shared concept may be, in UTF-16 units (what {@code @Size} counts), the same in every
 * service, its HTTP API and its events: a value one service accepts, every other can name.
 */
public final class MaxLength {

    /**
     * A tag: on the chat platform's items (HTTP, {@code chat-tags}, archived chats and tickets), in a deletion
     * request, in a tag filter. 100, the most the vault has ever stored, so no stored tag becomes unnamable.
     */
    public static final int TAG = 100;

    /** An email address (RFC 5321's limit on a path, 256, plus room; the columns are 320). */
    public static final int EMAIL = 320;

    /** A person's or an account's name, an authorised agent's name. */
    public static final int NAME = 200;

    /** An id the chat platform assigns: a chat's, a ticket's, an agent's, a visitor's in the vault. */
    public static final int PLATFORM_ID = 200;

    private MaxLength() {}
}
