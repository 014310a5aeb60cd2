/** etcd 服务注册、发现与 gRPC 名称解析。 */
package com.acme.im.runtime.discovery;
