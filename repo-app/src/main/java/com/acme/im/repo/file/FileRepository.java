package com.acme.im.repo.file;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * files 表的 SQL。
 */
@Singleton
public class FileRepository {

    private static final String COLUMNS = "id, conversation_id, uploader_id, name, mime_type, size, is_image, ready, "
            + "width, height, object_key, thumbnail_key, created_at";

    public void insert(Connection c, FileRow f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO files (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.id());
            ps.setString(2, f.conversationId());
            ps.setLong(3, f.uploaderId());
            ps.setString(4, f.name());
            ps.setString(5, f.mimeType());
            ps.setLong(6, f.size());
            ps.setInt(7, f.image() ? 1 : 0);
            ps.setInt(8, f.ready() ? 1 : 0);
            ps.setInt(9, f.width());
            ps.setInt(10, f.height());
            ps.setString(11, f.objectKey());
            ps.setString(12, f.thumbnailKey());
            ps.setLong(13, f.createdAt());
            ps.executeUpdate();
        }
    }

    public Optional<FileRow> find(Connection c, String id) throws SQLException {
        return Optional.ofNullable(findAll(c, java.util.List.of(id)).get(id));
    }

    /** 一条 SELECT 取一批文件（消息批量保存时核对引用）。 */
    public Map<String, FileRow> findAll(Connection c, Collection<String> ids) throws SQLException {
        Map<String, FileRow> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = ids.stream().map(x -> "?").collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM files WHERE id IN (" + in + ")")) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FileRow f = new FileRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getLong(6), rs.getInt(7) == 1, rs.getInt(8) == 1, rs.getInt(9), rs.getInt(10),
                            rs.getString(11), rs.getString(12), rs.getLong(13));
                    out.put(f.id(), f);
                }
            }
        }
        return out;
    }

    /** 标记上传完成（幂等）：返回是否有这一行。 */
    public boolean markReady(Connection c, String id, int width, int height, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE files SET ready = 1, width = ?, height = ?, ready_at = IF(ready_at = 0, ?, ready_at) WHERE id = ?")) {
            ps.setInt(1, width);
            ps.setInt(2, height);
            ps.setLong(3, now);
            ps.setString(4, id);
            return ps.executeUpdate() > 0 || exists(c, id);
        }
    }

    /** 记录缩略图（幂等）；宽高为正时一并覆盖。返回是否有这一行。 */
    public boolean setThumbnail(Connection c, String id, String thumbnailKey, int width, int height) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE files SET thumbnail_key = ?, width = IF(? > 0, ?, width), height = IF(? > 0, ?, height) WHERE id = ?")) {
            ps.setString(1, thumbnailKey);
            ps.setInt(2, width);
            ps.setInt(3, width);
            ps.setInt(4, height);
            ps.setInt(5, height);
            ps.setString(6, id);
            return ps.executeUpdate() > 0 || exists(c, id);
        }
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM files WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
