package io.tfhyperstack.util;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * POSIX signal handling through the JDK's {@code sun.misc.Signal}, reached by reflection: javac warns,
 * unsuppressibly, on any direct use of it, and the build fails on warnings. Each method answers false
 * where the API is missing or the signal cannot be handled (a JVM started with -Xrs, another platform),
 * so that the caller can fall back.
 */
public final class Signals {
    private Signals() {
    }

    /** Runs {@code action} on each signal {@code name} ("INT", "TERM") instead of the JVM's default. */
    public static boolean handle(String name, Runnable action) {
        try {
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle":
                                action.run();
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                return "signal " + name + " handler";
                        }
                    });
            return install(name, handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Ignores signal {@code name} from now on. */
    public static boolean ignore(String name) {
        try {
            return install(name, Class.forName("sun.misc.SignalHandler").getField("SIG_IGN").get(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean install(String name, Object handler) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
        handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
        return true;
    }
}
