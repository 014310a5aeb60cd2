/** 下行投递层：按网关归并目标、每网关一条 DownstreamBatch 记录，logic、fanout 与 audit 共用。 */
package com.acme.im.runtime.delivery;
