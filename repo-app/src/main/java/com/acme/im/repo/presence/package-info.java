/** 在线状态（Redis，带过期的连接字段）。 */
package com.acme.im.repo.presence;
