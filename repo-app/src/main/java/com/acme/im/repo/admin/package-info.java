/** 管理后台的数据：管理员账号、封禁、审核命中复核、运行时敏感词表、管理操作记录与系统数字。 */
package com.acme.im.repo.admin;
