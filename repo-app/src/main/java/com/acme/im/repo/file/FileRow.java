package com.acme.im.repo.file;

/**
 * files 表的一行。
 *
 * @param id             文件 ID（32 位小写十六进制）
 * @param conversationId 所属会话
 * @param uploaderId     上传者
 * @param name           文件名
 * @param mimeType       MIME 类型
 * @param size           字节数
 * @param image          是否图片
 * @param ready          是否已上传完成
 * @param width          图片宽
 * @param height         图片高
 * @param objectKey      原件对象键
 * @param thumbnailKey   缩略图对象键，未生成为空串
 * @param createdAt      登记时间
 */
public record FileRow(String id, String conversationId, long uploaderId, String name, String mimeType, long size,
                      boolean image, boolean ready, int width, int height, String objectKey, String thumbnailKey,
                      long createdAt) {
}
