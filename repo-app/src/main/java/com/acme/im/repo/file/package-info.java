/** 文件元数据（files 表）：登记上传、标记完成、记录缩略图，以及消息引用文件时的批量核对。 */
package com.acme.im.repo.file;
