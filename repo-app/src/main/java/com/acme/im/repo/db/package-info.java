/** 显式的连接与事务管理，死锁重试。 */
package com.acme.im.repo.db;
