/** 群组的 REST 接口。 */
package com.acme.im.gateway.group;
