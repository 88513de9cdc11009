package io.chatprivacy.infra;

import java.util.Map;

/** JMX view of a {@link SharedHandle}. Public because JMX requires it; not an API. */
public interface SharedHandleMBean {
    Map<String, Object> getHandle();
}
