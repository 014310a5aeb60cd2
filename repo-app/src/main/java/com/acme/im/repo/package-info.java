/** 数据服务：唯一访问 MySQL 与 Redis 的应用。 */
package com.acme.im.repo;
