/** 运维面：管理端口（只监听回环）、接受连接失败时的退避与限频日志、收到 SIGTERM 时的优雅停机。 */
package com.acme.im.gateway.ops;
