/** 空闲长连接爬坡，测每连接内存。 */
package com.acme.im.bench.connection;
