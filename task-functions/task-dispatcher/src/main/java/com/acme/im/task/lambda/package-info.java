/** AWS Lambda 形态：KafkaEvent 处理器。 */
package com.acme.im.task.lambda;
