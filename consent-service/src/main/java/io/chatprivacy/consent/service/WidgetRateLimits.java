package io.chatprivacy.consent.service;

import io.chatprivacy.consent.config.ConsentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** The two limits on the widget's public endpoints: per client address and per account. */
@ApplicationScoped
public class WidgetRateLimits {

    private final RateLimiter perAddress;
    private final RateLimiter perAccount;

    WidgetRateLimits(ConsentConfig config) {
        ConsentConfig.RateLimit limits = config.rateLimit();
        this.perAddress =
                new RateLimiter(limits.perIp(), limits.perIpBurst(), limits.maxTrackedKeys(), System::nanoTime);
        this.perAccount = new RateLimiter(
                limits.perAccount(), limits.perAccountBurst(), limits.maxTrackedKeys(), System::nanoTime);
    }

    /** Nanoseconds until this address may call again, 0 if it may now. */
    public long forAddress(String address) {
        return perAddress.tryAcquire(clientKey(address));
    }

    /** Nanoseconds until this account's widget may call again, 0 if it may now. */
    public long forAccount(String accountId) {
        return perAccount.tryAcquire(accountId);
    }

    /** An IPv6 client usually holds a whole /64, so that is what is counted; IPv4 counts per address. */
    static String clientKey(String address) {
        if (address == null) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? Arrays.toString(Arrays.copyOf(bytes, 8)) : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
