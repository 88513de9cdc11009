package io.chatprivacy.consent.domain;

import io.chatprivacy.platform.crypto.KeyedHash;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keyed pseudonyms for the personal data the ledger must be able to find but never needs to read
 * back: an email becomes an HMAC-SHA256 blind index (equal emails, equal index; without the key it
 * cannot be reversed by hashing guesses), an IP address is first truncated to its network (/24 for
 * IPv4, /48 for IPv6) and then keyed-hashed. Domain prefixes keep the two spaces apart.
 */
public final class Pseudonyms {

    /** Only literal addresses are parsed: a host name would make {@link InetAddress} resolve it. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final KeyedHash hash;

    public Pseudonyms(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the pseudonym key must have at least 256 bits");
        }
        this.hash = new KeyedHash(key);
    }

    /** The blind index of an email address (trimmed and lower-cased first). */
    public String email(String email) {
        return hmac("email:" + normaliseEmail(email));
    }

    /** The keyed hash of the network an address belongs to, or null when there is no usable address. */
    public String ip(String address) {
        String network = truncate(address);
        return network == null ? null : hmac("ip:" + network);
    }

    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code 203.0.113.77} → {@code 203.0.113.0/24}; {@code 2001:db8:1:2::5} → {@code 2001:db8:1:0:0:0:0:0/48}. */
    public static String truncate(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        int keep = bytes.length == 4 ? 3 : 6;
        byte[] network = Arrays.copyOf(Arrays.copyOf(bytes, keep), bytes.length);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + (keep * 8);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private String hmac(String value) {
        return HexFormat.of().formatHex(hash.of(value));
    }
}
