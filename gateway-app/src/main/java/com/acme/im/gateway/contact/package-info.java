/** 好友与黑名单的 REST 接口：好友申请、好友列表与备注、拉黑。 */
package com.acme.im.gateway.contact;
