/** 在线状态上报与查询。 */
package com.acme.im.gateway.presence;
