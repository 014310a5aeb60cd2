/** 用户资料查询（按用户名找人）。 */
package com.acme.im.gateway.user;
