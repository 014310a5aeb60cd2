/** Redis 旁路缓存与版本号防脏写。 */
package com.acme.im.repo.cache;
