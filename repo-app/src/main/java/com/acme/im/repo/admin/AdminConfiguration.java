package com.acme.im.repo.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * 管理后台参数（前缀 im.repo.admin）。
 *
 * @param bootstrapUsername  首个管理员的用户名，默认 admin
 * @param bootstrapPassword  首个管理员的密码：每次安装生成的密钥（scripts/secrets.sh 的 admin-password，
 *                           环境变量 IM_ADMIN_PASSWORD）；为空时不创建（没有公开的默认密码），从不写进日志
 * @param presenceScanLimit  统计各网关在线数时最多扫描的在线状态键数，默认 200000（超出时数字只是下限）
 * @param rateScanLimit      统计最近一分钟消息数时最多回看的最新消息条数，默认 100000（即上限约 1,666 条/秒）
 */
@ConfigurationProperties("im.repo.admin")
public record AdminConfiguration(
        @Bindable(defaultValue = "admin") String bootstrapUsername,
        @Bindable(defaultValue = "") String bootstrapPassword,
        @Bindable(defaultValue = "200000") int presenceScanLimit,
        @Bindable(defaultValue = "100000") int rateScanLimit) {
}
