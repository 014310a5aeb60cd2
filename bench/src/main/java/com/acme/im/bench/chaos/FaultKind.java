package com.acme.im.bench.chaos;

/** 故障的种类；具体动作由 scripts/chaos.sh internal 子命令执行（进程管理的知识留在脚本里）。 */
public enum FaultKind {
    /** kill -9 一个应用，随即从快照 jar 重启并等到健康。 */
    KILL_APP,
    /** SIGSTOP 一个应用若干秒（长于 etcd 租约），再 SIGCONT。 */
    PAUSE_APP,
    /** 正常停止一个基础设施进程（SIGTERM）后用 scripts/infra.sh up 再启动。 */
    RESTART_INFRA,
    /** redis-cli FLUSHALL。 */
    FLUSH_REDIS
}
