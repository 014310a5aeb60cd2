/** 用户与密码哈希。 */
package com.acme.im.repo.user;
