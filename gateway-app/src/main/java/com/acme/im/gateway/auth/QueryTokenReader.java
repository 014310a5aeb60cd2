package com.acme.im.gateway.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * 浏览器的 WebSocket API 不能设置 Authorization 头，所以 /ws 升级请求也接受查询参数 token。
 * 只对 /ws 生效：REST 接口的令牌不应出现在 URL（会进访问日志与代理缓存）。
 */
@Singleton
public class QueryTokenReader implements TokenReader<HttpRequest<?>> {

    /** 查询参数名。 */
    public static final String PARAMETER = "token";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!"/ws".equals(request.getPath())) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(PARAMETER).filter(t -> !t.isBlank());
    }

    @Override
    public int getOrder() {
        // 排在 Bearer 头之后：两者都有时以头为准
        return 100;
    }
}
