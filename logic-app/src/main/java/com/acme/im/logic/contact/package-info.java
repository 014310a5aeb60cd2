/** 好友与拉黑：申请、接受、好友备注、黑名单，以及消息路径与在线状态上的拉黑、仅好友单聊检查。 */
package com.acme.im.logic.contact;
