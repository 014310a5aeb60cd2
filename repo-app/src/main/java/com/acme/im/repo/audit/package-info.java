/** 审核命中记录。 */
package com.acme.im.repo.audit;
