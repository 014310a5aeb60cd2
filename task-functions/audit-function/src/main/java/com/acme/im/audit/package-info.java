/** 审核函数：敏感词匹配、记录与遮蔽。 */
package com.acme.im.audit;
