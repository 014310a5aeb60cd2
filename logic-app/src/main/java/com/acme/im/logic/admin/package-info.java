/** 管理后台业务：管理员登录与令牌、封禁、解散任意群、审核复核、敏感词表、系统数字与管理操作记录。 */
package com.acme.im.logic.admin;
