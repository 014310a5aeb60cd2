/** 用户资料：按用户名或 ID 查公开资料，修改自己的昵称与头像。 */
package com.acme.im.logic.user;
