package com.acme.im.gateway.ws;

import io.micronaut.core.convert.value.MutableConvertibleValues;
import io.micronaut.core.convert.value.MutableConvertibleValuesMap;
import io.micronaut.http.MediaType;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * 记录发送内容的 WebSocketSession，只用于注册表与投递的单元测试。
 */
public final class RecordingSession implements WebSocketSession {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile CloseReason closedWith;
    private final MutableConvertibleValues<Object> attributes = new MutableConvertibleValuesMap<>();
    private final String id;

    public RecordingSession(String id) {
        this.id = id;
    }

    /** 已发送的帧。 */
    public List<String> sent() {
        return sent;
    }

    /** 关闭原因；未关闭为 null。 */
    public CloseReason closedWith() {
        return closedWith;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public MutableConvertibleValues<Object> getAttributes() {
        return attributes;
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public boolean isWritable() {
        return isOpen();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public Set<? extends WebSocketSession> getOpenSessions() {
        return Set.of(this);
    }

    @Override
    public URI getRequestURI() {
        return URI.create("/ws");
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public <T> Publisher<T> send(T message, MediaType mediaType) {
        return Mono.fromFuture(sendAsync(message, mediaType));
    }

    @Override
    public <T> CompletableFuture<T> sendAsync(T message, MediaType mediaType) {
        sent.add(message.toString());
        return CompletableFuture.completedFuture(message);
    }

    @Override
    public void close() {
        close(CloseReason.NORMAL);
    }

    @Override
    public void close(CloseReason closeReason) {
        closedWith = closeReason;
    }

    @Override
    public MutableConvertibleValues<Object> put(CharSequence key, Object value) {
        return attributes.put(key, value);
    }

    @Override
    public MutableConvertibleValues<Object> remove(CharSequence key) {
        return attributes.remove(key);
    }

    @Override
    public MutableConvertibleValues<Object> clear() {
        return attributes.clear();
    }

    @Override
    public Set<String> names() {
        return attributes.names();
    }

    @Override
    public Collection<Object> values() {
        return attributes.values();
    }

    @Override
    public <T> Optional<T> get(CharSequence name, io.micronaut.core.convert.ArgumentConversionContext<T> conversionContext) {
        return attributes.get(name, conversionContext);
    }
}
