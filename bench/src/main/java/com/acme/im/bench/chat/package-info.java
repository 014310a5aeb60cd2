/** 聊天负载：单聊环、群与世界聊天室的开环发送与投递账本。 */
package com.acme.im.bench.chat;
