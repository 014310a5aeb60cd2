/** 用户资料：按用户名或 ID 找人，查看与修改自己的资料。 */
package com.acme.im.gateway.user;
