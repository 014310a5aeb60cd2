/** 文件与图片：申请预签名上传、核对上传结果、签发短时下载地址，每一步都检查会话成员。 */
package com.acme.im.logic.file;
