package com.acme.im.gateway.ws;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/asyncapi.yaml 是手写的：这里保证它列出的帧类型与网关实际处理的一致，
 * 客户端帧对 FrameParser 的常量，服务端帧对 ServerFrames 的常量；新增帧类型而不写文档会失败。
 */
class AsyncApiDocTest {

    @Test
    void clientAndServerFramesMatchTheGateway() throws IOException {
        Map<String, Object> doc = load();
        assertEquals("2.6.0", String.valueOf(doc.get("asyncapi")));
        Map<String, Object> channel = map(map(doc.get("channels")).get("/ws"));
        Map<String, Object> messages = map(map(doc.get("components")).get("messages"));

        assertEquals(constants(FrameParser.class), names(channel.get("publish"), messages), "client frames (publish)");
        assertEquals(constants(ServerFrames.class), names(channel.get("subscribe"), messages), "server frames (subscribe)");
    }

    @Test
    void everyMessagePayloadPinsItsType() throws IOException {
        Map<String, Object> messages = map(map(map(load()).get("components")).get("messages"));
        for (Map.Entry<String, Object> m : messages.entrySet()) {
            Map<String, Object> message = map(m.getValue());
            assertEquals(m.getKey(), message.get("name"), "message key and name");
            // payload 第二段声明 type 常量，与帧的 type 字段一致
            List<?> allOf = (List<?>) map(message.get("payload")).get("allOf");
            Object type = map(map(map(allOf.get(1)).get("properties")).get("type")).get("const");
            assertEquals(m.getKey(), type, "payload type const of " + m.getKey());
        }
    }

    private static Set<String> names(Object operation, Map<String, Object> messages) {
        Set<String> names = new TreeSet<>();
        for (Object ref : (List<?>) map(map(operation).get("message")).get("oneOf")) {
            String target = (String) map(ref).get("$ref");
            assertTrue(target.startsWith("#/components/messages/"), target);
            Object message = messages.get(target.substring("#/components/messages/".length()));
            assertTrue(message != null, "dangling reference " + target);
            names.add((String) map(message).get("name"));
        }
        return names;
    }

    /** 类中 public static final String 常量的值，即帧类型。 */
    private static Set<String> constants(Class<?> type) {
        Set<String> values = new TreeSet<>();
        for (Field f : type.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == String.class) {
                try {
                    values.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertTrue(!values.isEmpty(), "no frame type constants in " + type);
        return values;
    }

    private static Map<String, Object> load() throws IOException {
        Path file = Path.of("..", "docs", "asyncapi.yaml");
        if (!Files.exists(file)) {
            file = Path.of("docs", "asyncapi.yaml");
        }
        try (Reader r = Files.newBufferedReader(file)) {
            return new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
