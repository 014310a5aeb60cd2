/** 好友申请、好友关系（带备注）与黑名单的存取。 */
package com.acme.im.repo.contact;
