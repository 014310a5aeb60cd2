/** 文件与图片的 REST 接口：申请预签名上传、确认上传完成、取短时下载地址（字节从不经过网关）。 */
package com.acme.im.gateway.file;
