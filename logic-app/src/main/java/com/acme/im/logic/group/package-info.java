/** 群组规则：创建、加入、退出、权限。 */
package com.acme.im.logic.group;
