package com.acme.im.repo.admin;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 首个管理员：启动时若还没有 im.repo.admin.bootstrap-username 这个管理员，就用每次安装生成的密钥
 * （IM_ADMIN_PASSWORD，scripts/secrets.sh 生成到 .infra/secrets/admin-password）创建它。
 * 没有公开的默认密码：密钥为空时不创建，只在还没有任何管理员时告警。密码从不写进日志。
 * 多个 repo 实例同时启动时靠用户名唯一键只建一个。
 */
@Singleton
public class AdminBootstrap implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminService admins;
    private final AdminConfiguration configuration;

    public AdminBootstrap(AdminService admins, AdminConfiguration configuration) {
        this.admins = admins;
        this.configuration = configuration;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String password = configuration.bootstrapPassword();
        if (password == null || password.isEmpty()) {
            if (admins.countAdmins() == 0) {
                LOG.warn("no admin account exists and IM_ADMIN_PASSWORD is not set: the admin API cannot be used "
                        + "until repo-app starts once with it (scripts/secrets.sh generates one per install)");
            }
            return;
        }
        if (admins.createIfAbsent(configuration.bootstrapUsername(), password)) {
            LOG.info("bootstrap admin account '{}' created from the per-install secret", configuration.bootstrapUsername());
        }
    }
}
