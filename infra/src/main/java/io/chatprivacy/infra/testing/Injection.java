package io.chatprivacy.infra.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.function.Function;

/**
 * Field injection that tolerates the test class seeing this module through another class loader than the resource
 * (Quarkus may load it per application start): annotations and types are matched by name, and a value whose class is
 * not the field's is rebuilt in the field's class loader.
 */
final class Injection {
    private Injection() {}

    /**
     * Sets every instance field of {@code testInstance} (and its superclasses) annotated with {@code annotationName}
     * and typed {@code typeName} to {@code valueFor.apply(fieldType)}.
     */
    static void inject(
            Object testInstance, String annotationName, String typeName, Function<Class<?>, Object> valueFor) {
        Class<?> c = testInstance.getClass();
        while (c != null && c != Object.class) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || !annotated(field, annotationName)) {
                    continue;
                }
                if (!field.getType().getName().equals(typeName)) {
                    throw new IllegalStateException("@" + simpleName(annotationName) + " field " + c.getName() + "."
                            + field.getName() + " must be of type " + typeName);
                }
                try {
                    field.setAccessible(true);
                    field.set(testInstance, valueFor.apply(field.getType()));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot inject " + c.getName() + "." + field.getName(), e);
                }
            }
            c = c.getSuperclass();
        }
    }

    /**
     * {@code value} itself if the field type accepts it, else the same server seen through {@code fieldType}'s class
     * loader (via the package-private {@code handle()} and static {@code fromHandle(Map)}).
     */
    static Object facade(Class<?> fieldType, Object value) {
        if (fieldType.isInstance(value)) {
            return value;
        }
        try {
            Method handleMethod = value.getClass().getDeclaredMethod("handle");
            handleMethod.setAccessible(true);
            Object handle = handleMethod.invoke(value);
            Method fromHandle = fieldType.getDeclaredMethod("fromHandle", Map.class);
            fromHandle.setAccessible(true);
            return fromHandle.invoke(null, handle);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + fieldType.getName() + " for injection", e);
        }
    }

    private static boolean annotated(Field field, String annotationName) {
        for (Annotation annotation : field.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
