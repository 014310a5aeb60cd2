/** 对象存储（S3 兼容）：SigV4 预签名 URL、服务端的 HEAD/GET/PUT，以及文件与图片消息内容的 JSON 格式。 */
package com.acme.im.runtime.storage;
