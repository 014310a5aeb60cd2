/** 故障注入套件：持续收发的同时逐个制造故障（杀进程、重启中间件、清空 Redis、暂停进程），核对丢失、重复存储与 seq 空洞。 */
package com.acme.im.bench.chaos;
