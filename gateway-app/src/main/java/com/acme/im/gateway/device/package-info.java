/** 我的设备：列出已登录的设备，远程登出其中一台。 */
package com.acme.im.gateway.device;
