/** 集成测试共用的启动器：以子进程运行各应用的 jar、分配不与临时端口冲突的空闲端口。 */
package com.acme.im.testsupport;
