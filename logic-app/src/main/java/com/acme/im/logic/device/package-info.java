/** 设备管理：列出调用者已登录的设备，远程登出其中一台。 */
package com.acme.im.logic.device;
