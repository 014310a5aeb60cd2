package com.acme.im.gateway;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * 网关入口：系统唯一对外的 HTTP 与 WebSocket 服务。
 * OpenAPI 描述在编译期生成到 META-INF/swagger，并以 /swagger/** 静态资源提供。
 */
@OpenAPIDefinition(info = @Info(
        title = "gateway-app",
        version = "0.1",
        description = "IM 网关 REST API：JSON 字段为 snake_case；所有 64 位 ID 以字符串输出；错误体为 {code, message, trace_id}"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
