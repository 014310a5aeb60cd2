package com.acme.im.repo.db;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * 服务器的自增设置：决定多行 INSERT 的 ID 能否直接由第一条的 ID 推出。
 * innodb_autoinc_lock_mode 为 0、1（MariaDB 默认 1）时，行数已知的多行 INSERT 一次拿到连续的 ID
 * （步长 auto_increment_increment）；为 2（MySQL 8 默认，交错模式）时不保证连续，调用方只能按唯一键查回。
 * 第一次用到时查询一次（两个都是服务器全局只读变量，运行中不会改变）。
 */
@Singleton
public class AutoIncrement {

    private volatile Settings settings;

    /** 自增设置。 */
    public record Settings(boolean consecutive, long increment) {
    }

    /** 在给定连接上读取（只第一次真正查询）。 */
    public Settings settings(Connection c) throws SQLException {
        Settings s = settings;
        if (s == null) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment")) {
                rs.next();
                s = new Settings(rs.getInt(1) <= 1, Math.max(1, rs.getLong(2)));
            }
            settings = s;
        }
        return s;
    }
}
