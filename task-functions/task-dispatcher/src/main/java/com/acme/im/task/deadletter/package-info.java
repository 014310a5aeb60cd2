/** 死信发布。 */
package com.acme.im.task.deadletter;
