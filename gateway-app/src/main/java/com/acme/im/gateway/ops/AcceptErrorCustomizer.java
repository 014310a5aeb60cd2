package com.acme.im.gateway.ops;

import com.acme.im.gateway.GatewayConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;

/**
 * 给每个 HTTP 监听通道装上 {@link AcceptErrorHandler}（Micronaut 的 NettyServerCustomizer，角色 LISTENER）。
 */
@Singleton
public class AcceptErrorCustomizer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final GatewayConfiguration configuration;
    private final Counter errors;

    public AcceptErrorCustomizer(GatewayConfiguration configuration, MeterRegistry meters) {
        this.configuration = configuration;
        this.errors = meters.counter("im.gateway.accept_errors");
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                if (role == ChannelRole.LISTENER) {
                    // 此时监听通道正在初始化，处理器排在 ServerBootstrapAcceptor 之前，先于它看到 accept 异常
                    channel.pipeline().addLast("im-accept-errors", new AcceptErrorHandler(configuration.getAcceptErrorBackoff(),
                            configuration.getAcceptErrorLogInterval(), errors, System::nanoTime));
                }
                return this;
            }
        });
        return registry;
    }
}
