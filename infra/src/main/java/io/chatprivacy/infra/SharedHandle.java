package io.chatprivacy.infra;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A JVM-wide registry of server handles, kept in the platform MBean server so that every class loader sees the same
 * servers (Quarkus may load this module once per application start in a test JVM). Handles hold JDK types only.
 */
public final class SharedHandle implements SharedHandleMBean {
    private final Map<String, Object> handle;

    private SharedHandle(Map<String, Object> handle) {
        this.handle = handle;
    }

    @Override
    public Map<String, Object> getHandle() {
        return handle;
    }

    private static ObjectName name(String key) {
        try {
            return new ObjectName("io.chatprivacy.infra:type=SharedServer,name=" + key);
        } catch (JMException e) {
            throw new IllegalArgumentException(key, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> lookup(String key) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            return (Map<String, Object>) server.getAttribute(name(key), "Handle");
        } catch (InstanceNotFoundException e) {
            return null;
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read shared server " + key, e);
        }
    }

    static void register(String key, Map<String, Object> handle) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(new SharedHandle(handle), name(key));
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalStateException("Shared server " + key + " registered twice", e);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register shared server " + key, e);
        }
    }

    static void unregister(String key) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name(key));
        } catch (InstanceNotFoundException e) {
            // already gone
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
