/** 函数实例在 etcd 的注册。 */
package com.acme.im.task.registration;
